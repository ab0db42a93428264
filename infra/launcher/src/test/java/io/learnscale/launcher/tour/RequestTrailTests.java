package io.learnscale.launcher.tour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestTrailTests {

    private static final String TRACE = "5b8efff798038103d269b633813fc60c";

    @TempDir
    Path logs;

    @Test
    void collectsTheRequestsLinesAndTheLinesOfItsTraceFromEveryInstanceInTimeOrder() throws Exception {
        Files.writeString(logs.resolve("gateway-1.log"), """
                2026-11-25T15:21:28.620Z  INFO [gateway-1] [edit-1] 100 --- [gateway] [ux-http-epoll-2] [%s] io.learnscale.gateway.access             : PATCH /api/topics/x status=200 latency=30ms route=content-service upstream=content-service-2
                2026-11-25T15:21:28.700Z  INFO [gateway-1] [other] 100 --- [gateway] [ux-http-epoll-1] [0000000000000000000000000000abcd] io.learnscale.gateway.access             : GET /api/sections status=200
                a stack trace line, not one of ours
                """.formatted(TRACE));
        Files.writeString(logs.resolve("content-service-2.log"), """
                2026-11-25T15:21:28.600Z  INFO [content-service-2] [edit-1] 200 --- [content-service] [ad | producer-1] [%s] i.l.c.topic.TopicEventsConfiguration     : Published the change of x at content.topics-3@1
                """.formatted(TRACE));
        Files.writeString(logs.resolve("search-service-1.log"), """
                2026-11-25T15:21:28.650Z  INFO [search-service-1] [] 300 --- [search-service] [ topics-replica] [%s] i.learnscale.search.index.TopicsReplica  : Indexed x version 3 from content.topics-3@1
                """.formatted(TRACE));
        Files.writeString(logs.resolve("kafka.log"), "[2026-11-25 15:21:28,000] INFO something edit-1\n");

        RequestTrail trail = RequestTrail.find(logs, "edit-1");

        assertThat(trail.instances()).containsExactly("content-service-2", "gateway-1", "search-service-1");
        assertThat(trail.lines()).extracting(RequestTrail.Line::traceId).containsOnly(TRACE);
        assertThat(trail.render())
                .contains("Request edit-1, trace " + TRACE
                        + ": 3 lines from content-service-2, gateway-1, search-service-1")
                .containsPattern("\\+0 ms  content-service-2  TopicEventsConfiguration +Published the change of x")
                .containsPattern("\\+50 ms  search-service-1 .*Indexed x version 3 from content.topics-3@1")
                .containsPattern("\\+20 ms  gateway-1 .*upstream=content-service-2");
    }

    @Test
    void readsTheFilesAnInstanceLogRolledInto() throws Exception {
        Files.writeString(logs.resolve("content-service-1.2026-11-25.3.log"), """
                2026-11-25T15:21:28.600Z  INFO [content-service-1] [roll-1] 200 --- [content-service] [nio-8101-exec-1] [] i.l.c.topic.TopicController              : before the roll
                """);
        Files.writeString(logs.resolve("content-service-1.log"), """
                2026-11-25T15:21:28.610Z  INFO [content-service-1] [roll-1] 200 --- [content-service] [nio-8101-exec-1] [] i.l.c.topic.TopicController              : after the roll
                """);

        assertThat(RequestTrail.find(logs, "roll-1").lines())
                .extracting(RequestTrail.Line::text)
                .containsExactly("before the roll", "after the roll");
    }

    @Test
    void saysSoWhenNoLineHasTheId() {
        assertThat(RequestTrail.find(logs, "nowhere").render()).startsWith("No log line carries request id nowhere");
    }

    @Test
    void refusesWhatCannotBeARequestId() {
        assertThatIllegalArgumentException().isThrownBy(() -> RequestTrail.find(logs, "two words"));
        assertThatIllegalArgumentException().isThrownBy(() -> RequestTrail.find(logs, ""));
    }
}
