package io.learnscale.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnscale.launcher.app.Service;
import org.junit.jupiter.api.Test;

class ServiceTests {

    @Test
    void servicesAreFoundByTheirShortOrFullName() {
        assertThat(Service.parse("content-service")).contains(Service.CONTENT);
        assertThat(Service.parse("content")).contains(Service.CONTENT);
        assertThat(Service.parse("QUIZ")).contains(Service.QUIZ);
        assertThat(Service.parse("nothing")).isEmpty();
    }

    @Test
    void instanceIdsFollowTheDesign() {
        assertThat(Service.CONTENT.instanceId(2)).isEqualTo("content-service-2");
        assertThat(Service.GATEWAY.instanceId(1)).isEqualTo("gateway-1");
    }
}
