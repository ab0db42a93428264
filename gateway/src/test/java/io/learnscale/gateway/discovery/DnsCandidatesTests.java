package io.learnscale.gateway.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnscale.gateway.discovery.DiscoveryProperties.Dns;
import io.learnscale.gateway.discovery.DiscoveryProperties.DnsService;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DnsCandidatesTests {

    @Test
    void resolvesANameToOneCandidatePerAddressWithTheDefaultPorts() {
        Dns dns = new Dns(
                Duration.ofSeconds(2), 8080, 8081, Map.of("content-service", new DnsService("localhost", null, null)));

        var candidates = new DnsCandidates(dns).candidates();

        assertThat(candidates).isNotEmpty().allSatisfy(candidate -> {
            InetAddress address = InetAddress.ofLiteral(candidate.id());
            assertThat(address.isLoopbackAddress()).isTrue();
            assertThat(candidate.service()).isEqualTo("content-service");
            assertThat(candidate.url().getPort()).isEqualTo(8080);
            assertThat(candidate.managementUrl().getPort()).isEqualTo(8081);
            assertThat(InetAddress.ofLiteral(stripBrackets(candidate.url().getHost())))
                    .isEqualTo(address);
        });
        assertThat(candidates).extracting(Candidate::id).doesNotHaveDuplicates();
    }

    @Test
    void aServiceMayNameItsOwnHostAndPorts() {
        Dns dns = new Dns(
                Duration.ofSeconds(2),
                8080,
                8081,
                Map.of("search-service", new DnsService("search.internal", 9000, 9001)));
        DnsCandidates source = new DnsCandidates(dns, host -> {
            assertThat(host).isEqualTo("search.internal");
            return new InetAddress[] {address(10, 0, 0, 12), address(10, 0, 0, 11), address(10, 0, 0, 11)};
        });

        assertThat(source.candidates())
                .containsExactly(
                        new Candidate(
                                "search-service",
                                "10.0.0.11",
                                URI.create("http://10.0.0.11:9000"),
                                URI.create("http://10.0.0.11:9001")),
                        new Candidate(
                                "search-service",
                                "10.0.0.12",
                                URI.create("http://10.0.0.12:9000"),
                                URI.create("http://10.0.0.12:9001")));
    }

    @Test
    void theServiceNameIsTheDefaultHost() {
        Dns dns = new Dns(Duration.ofSeconds(2), 8080, 8081, Map.of("quiz-service", new DnsService(null, null, null)));
        DnsCandidates source = new DnsCandidates(dns, host -> {
            assertThat(host).isEqualTo("quiz-service");
            return new InetAddress[] {address(10, 0, 0, 7)};
        });

        assertThat(source.candidates()).extracting(Candidate::url).containsExactly(URI.create("http://10.0.0.7:8080"));
    }

    @Test
    void aNameThatDoesNotResolveIsNoInstancesOfThatServiceOnly() {
        Dns dns = new Dns(
                Duration.ofSeconds(2),
                8080,
                8081,
                Map.of(
                        "quiz-service", new DnsService("quiz-service", null, null),
                        "content-service", new DnsService("content-service", null, null)));
        DnsCandidates source = new DnsCandidates(dns, host -> {
            if (host.equals("quiz-service")) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {address(10, 0, 0, 5)};
        });

        assertThat(source.candidates()).extracting(Candidate::service).containsExactly("content-service");
        assertThat(source.candidates()).extracting(Candidate::service).containsExactly("content-service");
    }

    @Test
    void anIpv6AddressBecomesABracketedUrl() throws Exception {
        Dns dns =
                new Dns(Duration.ofSeconds(2), 8080, 8081, Map.of("content-service", new DnsService(null, null, null)));
        DnsCandidates source = new DnsCandidates(dns, host -> new InetAddress[] {InetAddress.getByName("fd00::5")});

        assertThat(source.candidates())
                .singleElement()
                .satisfies(candidate ->
                        assertThat(candidate.url()).isEqualTo(URI.create("http://[fd00:0:0:0:0:0:0:5]:8080")));
    }

    private static InetAddress address(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }
}
