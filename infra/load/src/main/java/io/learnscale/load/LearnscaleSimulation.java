package io.learnscale.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Users of learnscale at a fixed arrival rate (open model): browsing, taking quizzes, authoring. Options as system
 * properties, see {@link LoadSettings}; the run fails when the error rate or the 95th percentile misses its bound.
 */
public class LearnscaleSimulation extends Simulation {

    private final LoadSettings settings = LoadSettings.fromSystemProperties();
    private final Catalog catalog = Catalog.read(settings.target());
    private final TokenSigner tokens = new TokenSigner(settings.secret());

    {
        HttpProtocolBuilder protocol = http.baseUrl(settings.target())
                .acceptHeader("application/json")
                .userAgentHeader("learnscale-load")
                // conditional GETs are part of the scenario, sent on purpose, not by Gatling's own cache
                .disableCaching();

        List<PopulationBuilder> populations = new ArrayList<>();
        double seconds = settings.duration().toSeconds();
        switch (settings.scenario()) {
            case MIX -> {
                populations.add(browsing()
                        .injectOpen(constantUsersPerSec(settings.rate() * 0.70).during((long) seconds)));
                populations.add(quizTaking()
                        .injectOpen(constantUsersPerSec(settings.rate() * 0.25).during((long) seconds)));
                populations.add(authoring()
                        .injectOpen(constantUsersPerSec(settings.rate() * 0.05).during((long) seconds)));
            }
            case BROWSE ->
                populations.add(browsing()
                        .injectOpen(constantUsersPerSec(settings.rate()).during((long) seconds)));
            case QUIZ ->
                populations.add(quizTaking()
                        .injectOpen(constantUsersPerSec(settings.rate()).during((long) seconds)));
            case AUTHOR ->
                populations.add(authoring()
                        .injectOpen(constantUsersPerSec(settings.rate()).during((long) seconds)));
        }
        System.out.printf(
                "learnscale load: %s at %.1f users/s for %d s against %s (%d topics, %d quizzes); fails above %.1f %% errors or p95 %d ms%n",
                settings.scenario().name().toLowerCase(),
                settings.rate(),
                settings.duration().toSeconds(),
                settings.target(),
                catalog.topicSlugs().size(),
                catalog.quizzes().size(),
                settings.maxErrorPercent(),
                settings.p95Millis());
        setUp(populations)
                .protocols(protocol)
                .assertions(
                        global().failedRequests().percent().lte(settings.maxErrorPercent()),
                        global().responseTime().percentile(95.0).lte(settings.p95Millis()));
    }

    /** Anonymous reading: sections, one section's topics, a topic and its revalidation (304), a search. */
    ScenarioBuilder browsing() {
        return scenario("browse")
                .exec(session -> session.set("section", pick(catalog.sections()))
                        .set("slug", pick(catalog.topicSlugs()))
                        .set("word", pick(catalog.searchWords())))
                .exec(http("GET sections").get("/api/sections").check(status().is(200)))
                .exec(http("GET topics of a section")
                        .get("/api/topics?section=#{section}&size=10")
                        .check(status().is(200)))
                .exec(http("GET topic")
                        .get("/api/topics/#{slug}")
                        .check(status().is(200), header("ETag").saveAs("etag")))
                .exec(http("GET topic, If-None-Match")
                        .get("/api/topics/#{slug}")
                        .header("If-None-Match", "#{etag}")
                        .check(status().is(304)))
                .exec(http("GET search").get("/api/search?q=#{word}").check(status().is(200)));
    }

    /** A signed-in learner: reads a quiz, answers it (with an Idempotency-Key), reads its analytics. */
    ScenarioBuilder quizTaking() {
        return scenario("quiz")
                .exec(session -> {
                    Catalog.QuizShape quiz = pick(catalog.quizzes());
                    String learner = "learner-" + ThreadLocalRandom.current().nextInt(1000);
                    return session.set("quiz", quiz.id())
                            .set("answers", quiz.randomAnswers())
                            .set("authorization", tokens.bearer(learner, "user"))
                            .set("key", UUID.randomUUID().toString());
                })
                .exec(http("GET quiz")
                        .get("/api/quizzes/#{quiz}")
                        .header("Authorization", "#{authorization}")
                        .check(status().is(200)))
                .exec(http("POST attempt")
                        .post("/api/quizzes/#{quiz}/attempts")
                        .header("Authorization", "#{authorization}")
                        .header("Idempotency-Key", "#{key}")
                        .header("Content-Type", "application/json")
                        .body(StringBody("#{answers}"))
                        .check(status().is(201)))
                .exec(http("GET quiz analytics")
                        .get("/api/analytics/quizzes/#{quiz}")
                        .header("Authorization", "#{authorization}")
                        .check(status().is(200)));
    }

    /** An author writes a topic, changes it under If-Match, and deletes it again (the catalogue stays as it was). */
    ScenarioBuilder authoring() {
        return scenario("author")
                .exec(session -> session.set(
                                "authorization",
                                tokens.bearer(
                                        "author-" + ThreadLocalRandom.current().nextInt(20), "author"))
                        .set("section", pick(catalog.sections()))
                        .set("newSlug", "load-" + UUID.randomUUID().toString().substring(0, 13)))
                .exec(http("POST topic")
                        .post("/api/topics")
                        .header("Authorization", "#{authorization}")
                        .header("Content-Type", "application/json")
                        .body(StringBody(
                                "{\"slug\":\"#{newSlug}\",\"section\":\"#{section}\",\"title\":\"Load test #{newSlug}\","
                                        + "\"body\":\"Written by the load generator.\"}"))
                        .check(status().is(201), header("ETag").saveAs("etag")))
                .exec(http("PATCH topic, If-Match")
                        .patch("/api/topics/#{newSlug}")
                        .header("Authorization", "#{authorization}")
                        .header("If-Match", "#{etag}")
                        .header("Content-Type", "application/merge-patch+json")
                        .body(StringBody("{\"title\":\"Load test, revised\"}"))
                        .check(status().is(200)))
                .exec(http("DELETE topic")
                        .delete("/api/topics/#{newSlug}")
                        .header("Authorization", "#{authorization}")
                        .check(status().is(204)));
    }

    private static <T> T pick(List<T> values) {
        return values.get(ThreadLocalRandom.current().nextInt(values.size()));
    }
}
