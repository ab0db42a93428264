package io.learnscale.content.topic;

import io.learnscale.content.web.HttpCaching;
import io.learnscale.content.web.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.validation.groups.Default;
import java.net.URI;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/topics")
@Tag(name = "topics", description = "The topics of the notes")
class TopicController {

    static final String MERGE_PATCH = "application/merge-patch+json";
    private static final java.util.regex.Pattern SLUG = java.util.regex.Pattern.compile(TopicRequest.SLUG);

    private final TopicReader reader;
    private final TopicWriter writer;
    private final HttpCaching caching;

    TopicController(TopicReader reader, TopicWriter writer, HttpCaching caching) {
        this.reader = reader;
        this.writer = writer;
        this.caching = caching;
    }

    @GetMapping
    @Operation(summary = "A page of topics in reading order, filtered by section and tag")
    @ProblemResponses(400)
    ResponseEntity<TopicPage> list(
            @RequestParam(required = false) @Size(max = 80) @Pattern(regexp = TopicRequest.SLUG) @Nullable
                    String section,
            @RequestParam(required = false) @Size(max = 40) @Pattern(regexp = TopicRequest.SLUG) @Nullable String tag,
            @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return ResponseEntity.ok()
                .cacheControl(caching.listing().cacheControl())
                .body(reader.page(section, tag, page, size));
    }

    @GetMapping("/{slug}")
    @Operation(
            summary = "One topic with its Markdown body",
            description = "Strong ETag from the topic's version, Last-Modified, Cache-Control; 304 on a matching"
                    + " If-None-Match (or an If-Modified-Since not older than the topic).")
    @ApiResponse(responseCode = "200", description = "The topic")
    @ApiResponse(responseCode = "304", description = "Not modified since the version the client has")
    @ProblemResponses(404)
    ResponseEntity<Topic> get(@PathVariable String slug) {
        if (!SLUG.matcher(slug).matches()) {
            throw new TopicNotFoundException(slug);
        }
        Topic topic = reader.find(slug).orElseThrow(() -> new TopicNotFoundException(slug));
        return ResponseEntity.ok()
                .cacheControl(caching.topic().cacheControl())
                .headers(versionHeaders(topic))
                .body(topic);
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Creates a topic", description = "201 with Location and ETag; 409 when the slug is taken.")
    @ApiResponse(responseCode = "201", description = "Created")
    @ProblemResponses({400, 409, 415})
    ResponseEntity<Topic> create(
            @Validated({Default.class, TopicRequest.Creating.class}) @RequestBody TopicRequest request) {
        Topic created = writer.create(request);
        return ResponseEntity.created(URI.create("/api/topics/" + created.slug()))
                .headers(versionHeaders(created))
                .body(created);
    }

    @PutMapping(path = "/{slug}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Replaces a topic",
            description = "If-Match is required: the ETag of the version being replaced (or *).")
    @ProblemResponses({400, 404, 412, 415, 428})
    ResponseEntity<Topic> replace(
            @PathVariable String slug,
            @Parameter(description = "The ETag of the version being replaced, or *", required = true)
                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    @Nullable
                    String ifMatch,
            @Valid @RequestBody TopicRequest request) {
        Topic replaced = writer.replace(slug, ifMatch, request);
        return ResponseEntity.ok().headers(versionHeaders(replaced)).body(replaced);
    }

    @PatchMapping(path = "/{slug}", consumes = MERGE_PATCH)
    @Operation(
            summary = "Changes some fields of a topic (JSON Merge Patch, RFC 7386)",
            description = "Members of the patch replace the topic's, null removes one (subsection, tags, position)."
                    + " If-Match is required.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(mediaType = MERGE_PATCH, schema = @Schema(implementation = TopicRequest.class)))
    @ProblemResponses({400, 404, 412, 415, 428})
    ResponseEntity<Topic> patch(
            @PathVariable String slug,
            @Parameter(description = "The ETag of the version being changed, or *", required = true)
                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    @Nullable
                    String ifMatch,
            @RequestBody JsonNode patch) {
        Topic patched = writer.patch(slug, ifMatch, patch);
        return ResponseEntity.ok().headers(versionHeaders(patched)).body(patched);
    }

    @DeleteMapping("/{slug}")
    @Operation(summary = "Deletes a topic", description = "If-Match is honoured when sent (412 on a stale one).")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ProblemResponses({404, 412})
    ResponseEntity<Void> delete(
            @PathVariable String slug,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        writer.delete(slug, ifMatch);
        return ResponseEntity.noContent().build();
    }

    private static HttpHeaders versionHeaders(Topic topic) {
        HttpHeaders headers = new HttpHeaders();
        headers.setETag(Objects.requireNonNull(topic.etag()));
        headers.setLastModified(topic.updatedAt());
        return headers;
    }
}
