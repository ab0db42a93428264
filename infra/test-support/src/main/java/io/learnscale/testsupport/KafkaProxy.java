package io.learnscale.testsupport;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.message.DescribeClusterResponseData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.protocol.MessageUtil;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.ResponseHeader;

/**
 * A {@link TcpProxy} in front of a single-broker Kafka cluster. A Kafka client only bootstraps through the address
 * it is given and then connects to the address the broker advertises, so this proxy rewrites the broker addresses
 * in Metadata, FindCoordinator and DescribeCluster responses to its own: every connection of the client goes
 * through the proxy, and {@link #cut()} really takes Kafka away from it.
 */
public final class KafkaProxy extends TcpProxy {

    private KafkaProxy(String upstreamHost, int upstreamPort) {
        super("kafka", upstreamHost, upstreamPort);
    }

    /** A started proxy to the first broker of {@code bootstrapServers} ({@code host:port[,host:port...]}). */
    public static KafkaProxy start(String bootstrapServers) {
        String first = bootstrapServers.split(",")[0].trim();
        int colon = first.lastIndexOf(':');
        KafkaProxy proxy = new KafkaProxy(first.substring(0, colon), Integer.parseInt(first.substring(colon + 1)));
        proxy.listen();
        return proxy;
    }

    /** The proxy as a bootstrap address. */
    public String bootstrapServers() {
        return host() + ":" + port();
    }

    /** The broker behind the proxy, for clients that must not be cut off (a test's own consumer). */
    public String upstreamBootstrapServers() {
        return upstream().getHostString() + ":" + upstream().getPort();
    }

    @Override
    protected void relay(Socket client, Socket server) throws IOException {
        Map<Integer, RequestHeader> pending = new ConcurrentHashMap<>();
        DataInputStream fromClient = new DataInputStream(client.getInputStream());
        DataOutputStream toServer = new DataOutputStream(server.getOutputStream());
        DataInputStream fromServer = new DataInputStream(server.getInputStream());
        DataOutputStream toClient = new DataOutputStream(client.getOutputStream());
        pump("request", client, server, () -> {
            while (true) {
                byte[] frame = frame(fromClient);
                RequestHeader header = header(frame);
                if (header != null && rewritten(header.apiKey())) {
                    pending.put(header.correlationId(), header);
                }
                awaitFlowing();
                write(toServer, frame);
            }
        });
        pump("response", client, server, () -> {
            while (true) {
                byte[] frame = frame(fromServer);
                RequestHeader request = pending.remove(ByteBuffer.wrap(frame).getInt());
                awaitFlowing();
                write(toClient, request == null ? frame : rewrite(frame, request));
            }
        });
    }

    private static boolean rewritten(ApiKeys api) {
        return api == ApiKeys.METADATA || api == ApiKeys.FIND_COORDINATOR || api == ApiKeys.DESCRIBE_CLUSTER;
    }

    private static RequestHeader header(byte[] frame) {
        try {
            return RequestHeader.parse(ByteBuffer.wrap(frame));
        } catch (RuntimeException e) {
            return null; // not ours to understand: forwarded as it is
        }
    }

    private byte[] rewrite(byte[] frame, RequestHeader request) {
        ApiKeys api = request.apiKey();
        short version = request.apiVersion();
        short headerVersion = api.responseHeaderVersion(version);
        ByteBuffer buffer = ByteBuffer.wrap(frame);
        ResponseHeader header = ResponseHeader.parse(buffer, headerVersion);
        ByteBufferAccessor body = new ByteBufferAccessor(buffer);
        ApiMessage response = switch (api) {
            case METADATA -> {
                MetadataResponseData data = new MetadataResponseData(body, version);
                data.brokers().forEach(broker -> broker.setHost(host()).setPort(port()));
                yield data;
            }
            case DESCRIBE_CLUSTER -> {
                DescribeClusterResponseData data = new DescribeClusterResponseData(body, version);
                data.brokers().forEach(broker -> broker.setHost(host()).setPort(port()));
                yield data;
            }
            case FIND_COORDINATOR -> {
                FindCoordinatorResponseData data = new FindCoordinatorResponseData(body, version);
                if (version < 4 && data.errorCode() == Errors.NONE.code() && data.nodeId() >= 0) {
                    data.setHost(host()).setPort(port());
                }
                data.coordinators().stream()
                        .filter(coordinator -> coordinator.errorCode() == Errors.NONE.code())
                        .forEach(coordinator -> coordinator.setHost(host()).setPort(port()));
                yield data;
            }
            default -> throw new IllegalStateException("Not rewritten: " + api);
        };
        ByteBuffer head =
                MessageUtil.toByteBufferAccessor(header.data(), headerVersion).buffer();
        ByteBuffer tail = MessageUtil.toByteBufferAccessor(response, version).buffer();
        ByteBuffer result = ByteBuffer.allocate(head.remaining() + tail.remaining());
        result.put(head).put(tail);
        return result.array();
    }

    private static byte[] frame(DataInputStream in) throws IOException {
        byte[] frame = new byte[in.readInt()];
        in.readFully(frame);
        return frame;
    }

    private static void write(DataOutputStream out, byte[] frame) throws IOException {
        out.writeInt(frame.length);
        out.write(frame);
        out.flush();
    }
}
