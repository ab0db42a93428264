package io.learnscale.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** What the gateway sets up before Spring starts. */
class GatewayApplicationTests {

    @Test
    void aDebugMessageIsNotFormattedWhileDebugIsOff() {
        GatewayApplication.askBeforeFormattingDebugMessages();
        LogFactory.releaseAll(); // forget the factory chosen before, as a fresh JVM would not have one
        AtomicInteger formatted = new AtomicInteger();
        Object message = new Object() {
            @Override
            public String toString() {
                formatted.incrementAndGet();
                return "formatted";
            }
        };
        String name = "io.learnscale.gateway.at-info";
        ((Logger) LoggerFactory.getLogger(name)).setLevel(Level.INFO);
        Log log = LogFactory.getLog(name);

        log.debug(message);
        log.info(message);

        assertThat(formatted).as("formatted only for the INFO line").hasValue(1);
    }
}
