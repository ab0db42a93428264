/** What every consumer of this service does with a record's headers: continue its request's trace. */
@NullMarked
package io.learnscale.search.events;

import org.jspecify.annotations.NullMarked;
