package io.learnscale.content.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/**
 * ETags for the listings ({@code /api/topics}, {@code /api/sections}): a hash of the body, so a client or cache
 * that revalidates gets a 304 without the body when nothing changed. A single topic has a real ETag, its version.
 */
@Configuration(proxyBeanMethods = false)
class ListingEtags {

    @Bean
    FilterRegistrationBean<ShallowEtagHeaderFilter> listingEtagFilter() {
        var registration = new FilterRegistrationBean<>(new ShallowEtagHeaderFilter());
        registration.addUrlPatterns("/api/topics", "/api/sections");
        return registration;
    }
}
