/**
 * Full-text search: every instance keeps its own complete Lucene index of the topics, a materialised view of the
 * compacted {@code content.topics} topic read from the beginning, and is ready only once it caught up.
 */
@NullMarked
package io.learnscale.search.index;

import org.jspecify.annotations.NullMarked;
