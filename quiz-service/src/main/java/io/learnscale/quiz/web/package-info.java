/** What is the same for every endpoint: problem+json for every error, and the OpenAPI document. */
package io.learnscale.quiz.web;
