package io.learnscale.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** What the running system holds, read through its public API before a run: no hard-coded ids. */
public record Catalog(
        List<String> sections, List<String> topicSlugs, List<String> searchWords, List<QuizShape> quizzes) {

    /** A quiz's questions and the choice ids of each, enough to answer it (rightly or not). */
    public record QuizShape(String id, Map<String, List<String>> choicesByQuestion) {

        /** One random choice per question, as JSON: a learner guessing. */
        public String randomAnswers() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            StringBuilder json = new StringBuilder("{\"answers\":{");
            choicesByQuestion.forEach((question, choices) -> json.append('"')
                    .append(question)
                    .append("\":[\"")
                    .append(choices.get(random.nextInt(choices.size())))
                    .append("\"],"));
            json.setLength(json.length() - 1);
            return json.append("}}").toString();
        }
    }

    /** Lucene's English stop words longer than three letters: a search for one alone finds nothing to search (400). */
    private static final Set<String> STOP_WORDS =
            Set.of("into", "such", "that", "their", "then", "there", "these", "they", "this", "will", "with");

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static Catalog read(String target) {
        List<String> sections = new ArrayList<>();
        get(target + "/api/sections").forEach(s -> sections.add(s.get("slug").asString()));
        List<String> slugs = new ArrayList<>();
        List<String> words = new ArrayList<>();
        for (int page = 0; page < 10; page++) {
            JsonNode content = get(target + "/api/topics?size=100&page=" + page).get("content");
            if (content.isEmpty()) {
                break;
            }
            for (JsonNode topic : content) {
                slugs.add(topic.get("slug").asString());
                for (String word : topic.get("title").asString().toLowerCase().split("[^\\p{L}\\p{N}]+")) {
                    if (word.length() > 3 && !STOP_WORDS.contains(word) && !words.contains(word)) {
                        words.add(word);
                    }
                }
            }
        }
        List<QuizShape> quizzes = new ArrayList<>();
        for (JsonNode summary : get(target + "/api/quizzes")) {
            String id = summary.get("id").asString();
            JsonNode quiz = get(target + "/api/quizzes/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
            Map<String, List<String>> choices = new LinkedHashMap<>();
            for (JsonNode question : quiz.get("questions")) {
                List<String> ids = new ArrayList<>();
                question.get("choices").forEach(c -> ids.add(c.get("id").asString()));
                choices.put(question.get("id").asString(), ids);
            }
            quizzes.add(new QuizShape(id, choices));
        }
        if (sections.isEmpty() || slugs.isEmpty() || quizzes.isEmpty() || words.isEmpty()) {
            throw new IllegalStateException("The system at " + target + " has no content to load-test with");
        }
        return new Catalog(List.copyOf(sections), List.copyOf(slugs), List.copyOf(words), List.copyOf(quizzes));
    }

    private static JsonNode get(String url) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(15))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "GET " + url + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + url + ": is the stack running?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
