package io.learnscale.gateway.dashboard;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the dashboard's feed reads the instances.
 *
 * @param interval how often a snapshot is made: every instance is scraped once per interval, for all viewers
 * @param rateWindow a rate (requests per second, hit ratio, percentiles) covers about this much time, the last few
 *     intervals
 * @param scrapeTimeout how long one scrape may take, connecting included; a slower instance has no figures that
 *     period
 * @param scrapePath the Prometheus endpoint, on each instance's management URL
 * @param linger how long scraping goes on after the last viewer left, so a reloaded page does not start over
 */
@ConfigurationProperties("learnscale.dashboard")
record DashboardProperties(
        @DefaultValue("1s") Duration interval,
        @DefaultValue("3s") Duration rateWindow,
        @DefaultValue("800ms") Duration scrapeTimeout,
        @DefaultValue("/actuator/prometheus") String scrapePath,
        @DefaultValue("10s") Duration linger) {}
