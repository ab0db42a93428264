package io.learnscale.gateway.discovery;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The launcher's {@code instances.json} (DESIGN: Finding instances), read again on every refresh: it is small,
 * and reading it is more robust than trusting modification times. The launcher replaces it atomically, so a read
 * never sees half a file. A missing or unreadable file means no instances, never a failure; each problem is logged
 * once, when it appears.
 *
 * <pre>
 * [{"service":"content-service","id":"content-service-2","url":"http://127.0.0.1:P","managementUrl":"http://127.0.0.1:M"}]
 * </pre>
 *
 * Unknown fields are ignored; an entry without a {@code managementUrl} is probed on its {@code url}.
 */
final class InstancesFile implements CandidateSource {

    static final Comparator<Candidate> ORDER =
            Comparator.comparing(Candidate::service).thenComparing(Candidate::id);

    private static final Logger log = LoggerFactory.getLogger(InstancesFile.class);
    private static final JsonMapper json = JsonMapper.builder().build();

    private final Path path;
    private final Duration refreshInterval;

    // only the registry's refresh task reads the file, one read at a time
    private byte @Nullable [] lastContent;
    private List<Candidate> lastCandidates = List.of();
    private @Nullable String lastProblem;

    InstancesFile(Path path, Duration refreshInterval) {
        this.path = path;
        this.refreshInterval = refreshInterval;
    }

    @Override
    public List<Candidate> candidates() {
        byte[] content;
        try {
            content = Files.readAllBytes(path);
        } catch (NoSuchFileException missing) {
            return nothing("does not exist (yet)");
        } catch (IOException | RuntimeException unreadable) {
            return nothing("cannot be read: " + unreadable);
        }
        if (lastProblem != null) {
            log.info("Instances file {} is readable again", path);
            lastProblem = null;
        }
        if (!Arrays.equals(content, lastContent)) {
            lastContent = content;
            lastCandidates = parse(new String(content, StandardCharsets.UTF_8), path.toString());
        }
        return lastCandidates;
    }

    @Override
    public Duration refreshInterval() {
        return refreshInterval;
    }

    @Override
    public String description() {
        return "file " + path;
    }

    private List<Candidate> nothing(String problem) {
        if (!problem.equals(lastProblem)) {
            log.warn("Instances file {} {}: no instances until it can be read", path, problem);
            lastProblem = problem;
        }
        lastContent = null;
        lastCandidates = List.of();
        return lastCandidates;
    }

    /**
     * The candidates an {@code instances.json} lists, sorted by service and id: broken JSON is no candidates, an
     * entry that lacks a field or has a bad URL is skipped, unknown fields are ignored. Never throws; what was
     * wrong is logged.
     */
    static List<Candidate> parse(String content, String origin) {
        JsonNode root;
        try {
            root = json.readTree(content);
        } catch (JacksonException broken) {
            log.warn("{} is not valid JSON, so it lists no instances: {}", origin, broken.getOriginalMessage());
            return List.of();
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return List.of(); // an empty file: nothing runs yet
        }
        if (!root.isArray()) {
            log.warn("{} is not a JSON array, so it lists no instances", origin);
            return List.of();
        }
        List<Candidate> candidates = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int index = 0;
        for (JsonNode entry : root.values()) {
            Candidate candidate = candidate(entry);
            if (candidate == null) {
                log.warn("{}: entry {} is skipped, it needs service, id and an http(s) url: {}", origin, index, entry);
            } else if (!seen.add(candidate.service() + "/" + candidate.id())) {
                log.warn("{}: entry {} is skipped, {} is listed twice", origin, index, candidate.id());
            } else {
                candidates.add(candidate);
            }
            index++;
        }
        candidates.sort(ORDER);
        return List.copyOf(candidates);
    }

    private static @Nullable Candidate candidate(JsonNode entry) {
        if (!entry.isObject()) {
            return null;
        }
        String service = text(entry, "service");
        String id = text(entry, "id");
        URI url = httpUrl(text(entry, "url"));
        String management = text(entry, "managementUrl");
        URI managementUrl = management == null ? url : httpUrl(management);
        if (service == null || id == null || url == null || managementUrl == null) {
            return null;
        }
        return new Candidate(service, id, url, managementUrl);
    }

    private static @Nullable String text(JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        if (value == null || !value.isString()) {
            return null;
        }
        String text = value.stringValue().strip();
        return text.isEmpty() ? null : text;
    }

    /** An absolute http(s) URL with a host, or null. */
    static @Nullable URI httpUrl(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            URI uri = new URI(text);
            String scheme = Objects.requireNonNullElse(uri.getScheme(), "");
            boolean http = scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https");
            return http && uri.getHost() != null ? uri : null;
        } catch (URISyntaxException bad) {
            return null;
        }
    }
}
