package io.learnscale.gateway.discovery;

import io.learnscale.gateway.discovery.DiscoveryProperties.Dns;
import io.learnscale.gateway.discovery.DiscoveryProperties.DnsService;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compose and Kubernetes (DESIGN: Finding instances): a service's DNS name resolves to every replica (a compose
 * service, a headless Service), so each address is a candidate, id'd by its IP, with the ports the containers all
 * use. Resolved again on every refresh; the JVM's own DNS cache must be short for that to see changes (see
 * {@code GatewayApplication}).
 */
final class DnsCandidates implements CandidateSource {

    /** {@link InetAddress#getAllByName(String)}, replaceable in tests. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private static final Logger log = LoggerFactory.getLogger(DnsCandidates.class);

    private final Dns dns;
    private final Resolver resolver;
    private final Map<String, String> lastProblems = new ConcurrentHashMap<>();

    DnsCandidates(Dns dns) {
        this(dns, InetAddress::getAllByName);
    }

    DnsCandidates(Dns dns, Resolver resolver) {
        this.dns = dns;
        this.resolver = resolver;
    }

    @Override
    public List<Candidate> candidates() {
        List<Candidate> candidates = new ArrayList<>();
        dns.services().forEach((service, name) -> candidates.addAll(resolve(service, name)));
        candidates.sort(InstancesFile.ORDER);
        return List.copyOf(candidates);
    }

    @Override
    public Duration refreshInterval() {
        return dns.refreshInterval();
    }

    @Override
    public String description() {
        return "DNS "
                + dns.services().keySet().stream()
                        .sorted()
                        .map(service ->
                                service + "=" + host(service, dns.services().get(service)))
                        .collect(Collectors.joining(", "));
    }

    private List<Candidate> resolve(String service, DnsService name) {
        String host = host(service, name);
        int port = Objects.requireNonNullElse(name.port(), dns.port());
        int managementPort = Objects.requireNonNullElse(name.managementPort(), dns.managementPort());
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException | RuntimeException unresolved) {
            // a service scaled to zero has no DNS record: no instances, said once
            if (lastProblems.put(service, "unresolved") == null) {
                log.warn("{} ({}) does not resolve: no instances of it until it does", host, service);
            }
            return List.of();
        }
        if (lastProblems.remove(service) != null) {
            log.info("{} ({}) resolves again", host, service);
        }
        return Arrays.stream(addresses)
                .map(InetAddress::getHostAddress)
                .distinct()
                .map(ip -> new Candidate(service, ip, http(ip, port), http(ip, managementPort)))
                .toList();
    }

    private static String host(String service, DnsService name) {
        return name.host() == null || name.host().isBlank() ? service : name.host();
    }

    private static URI http(String ip, int port) {
        try {
            // the URI constructor puts an IPv6 literal in brackets
            return new URI("http", null, ip, port, null, null, null);
        } catch (URISyntaxException impossible) {
            throw new IllegalArgumentException(impossible);
        }
    }
}
