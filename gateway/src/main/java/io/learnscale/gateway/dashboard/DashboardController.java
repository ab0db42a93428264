package io.learnscale.gateway.dashboard;

import java.net.URI;
import java.time.Duration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/**
 * The page and its feed, public and read-only: {@code /} leads to {@code /dashboard}; {@code /dashboard/feed} is a
 * stream of server-sent events, one {@code snapshot} per interval (the page's script, {@code curl -N} for a look).
 * The page's scripts and styles are static files under {@code /dashboard/}, the charts the echarts webjar.
 */
@RestController
class DashboardController {

    private static final Resource PAGE = new ClassPathResource("static/dashboard/index.html");

    private final DashboardFeed feed;

    DashboardController(DashboardFeed feed) {
        this.feed = feed;
    }

    @GetMapping("/")
    ResponseEntity<Void> home() {
        return ResponseEntity.status(HttpStatus.FOUND)
                .location(URI.create("/dashboard"))
                .build();
    }

    @GetMapping("/dashboard")
    ResponseEntity<Resource> page() {
        return ResponseEntity.ok()
                .contentType(MediaType.TEXT_HTML)
                .cacheControl(CacheControl.noCache())
                .body(PAGE);
    }

    @GetMapping(path = "/dashboard/feed", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<Snapshot>> feed() {
        return feed.snapshots()
                .map(snapshot -> ServerSentEvent.builder(snapshot)
                        .event("snapshot")
                        .retry(Duration.ofSeconds(2))
                        .build());
    }
}
