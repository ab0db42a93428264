package io.learnscale.gateway;

import io.learnscale.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTests {

    @Test
    void packagesFollowTheHouseRules() {
        ArchitectureRules.checkAll("io.learnscale.gateway");
    }
}
