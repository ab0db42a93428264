package io.learnscale.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class PortsTests {

    @Test
    void aFixedPortInUseIsNamedInTheError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> new Ports(false).take(port, "gateway"))
                    .isInstanceOf(Ports.PortInUseException.class)
                    .hasMessageContaining("Port " + port + " (gateway) is already in use");
        }
    }

    @Test
    void freePortsAreNeverHandedOutTwice() {
        Ports ports = new Ports(true);
        int first = ports.take(8080, "gateway");
        int second = ports.take(8080, "gateway");
        assertThat(first).isNotEqualTo(second).isNotEqualTo(8080);
    }
}
