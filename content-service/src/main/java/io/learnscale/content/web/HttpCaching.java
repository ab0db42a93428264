package io.learnscale.content.web;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.http.CacheControl;

/**
 * What GET responses tell caches between here and the reader (the gateway, a CDN, the browser): a short
 * {@code max-age}, then {@code stale-while-revalidate} while a fresh copy is fetched in the background.
 */
@ConfigurationProperties("learnscale.http-caching")
public record HttpCaching(Policy topic, Policy listing) {

    /** One Cache-Control policy. */
    public record Policy(Duration maxAge, Duration staleWhileRevalidate) {

        public CacheControl cacheControl() {
            return CacheControl.maxAge(maxAge.toSeconds(), TimeUnit.SECONDS)
                    .cachePublic()
                    .staleWhileRevalidate(staleWhileRevalidate.toSeconds(), TimeUnit.SECONDS);
        }
    }
}
