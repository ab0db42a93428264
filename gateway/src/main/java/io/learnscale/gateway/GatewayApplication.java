package io.learnscale.gateway;

import java.security.Security;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

    public static void main(String[] args) {
        shortenDnsCache();
        askBeforeFormattingDebugMessages();
        SpringApplication.run(GatewayApplication.class, args);
    }

    /**
     * Without an instances file the gateway finds instances by re-resolving the services' DNS names every few
     * seconds (DESIGN: Finding instances); the JVM's default cache (30 s for a name, 10 s for a miss) would hide a
     * new replica for longer than the 5 s DESIGN allows. Set before the first lookup; an explicit
     * {@code -Dsun.net.inetaddr.ttl} or {@code networkaddress.cache.ttl} wins.
     */
    static void shortenDnsCache() {
        if (Security.getProperty("networkaddress.cache.ttl") == null
                && System.getProperty("sun.net.inetaddr.ttl") == null) {
            Security.setProperty("networkaddress.cache.ttl", "1");
        }
        if (System.getProperty("sun.net.inetaddr.negative.ttl") == null) {
            Security.setProperty("networkaddress.cache.negative.ttl", "1");
        }
    }

    /**
     * Spring logs through Commons Logging, whose SLF4J adapter turns every message into a string before Logback
     * looks at its level: Spring Security alone formats several debug messages per request that nobody reads. The
     * Log4j API adapter asks the level first, and its calls still end in Logback (log4j-to-slf4j). Set before
     * anything logs; an explicit {@code -Dorg.apache.commons.logging.LogFactory} wins.
     */
    static void askBeforeFormattingDebugMessages() {
        if (System.getProperty(LogFactory.FACTORY_PROPERTY) == null) {
            System.setProperty(LogFactory.FACTORY_PROPERTY, "org.apache.commons.logging.impl.Log4jApiLogFactory");
        }
    }
}
