package dev.tollgate.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

/**
 * A real OTLP/HTTP trace receiver on a random port: it accepts {@code POST /v1/traces} with a protobuf
 * {@code ExportTraceServiceRequest} (plain or gzip), as an OpenTelemetry Collector would, answers with an
 * {@code ExportTraceServiceResponse}, and keeps every span it decoded. Anything else gets 404 or 400.
 */
public final class OtlpReceiver implements AutoCloseable {

	/** One received span: ids in lowercase hex (the W3C {@code traceparent} spelling), attributes as strings. */
	public record ReceivedSpan(String name, String traceId, String spanId, String parentSpanId, String service,
			Map<String, String> attributes) {

		public String attribute(String key) {
			return this.attributes.get(key);
		}

	}

	private static final HexFormat HEX = HexFormat.of();

	private final HttpServer server;

	private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

	private OtlpReceiver(HttpServer server) {
		this.server = server;
	}

	/** Start listening on a random loopback port. */
	public static OtlpReceiver start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			OtlpReceiver receiver = new OtlpReceiver(server);
			server.createContext("/", receiver::handle);
			server.start();
			return receiver;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The URL to export traces to, e.g. {@code management.opentelemetry.tracing.export.otlp.endpoint}. */
	public String tracesEndpoint() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1/traces";
	}

	/** Every span received so far, in arrival order. */
	public List<ReceivedSpan> spans() {
		return List.copyOf(this.spans);
	}

	/** The spans received so far with this name. */
	public List<ReceivedSpan> spansNamed(String name) {
		return this.spans.stream().filter((span) -> span.name().equals(name)).toList();
	}

	public void clear() {
		this.spans.clear();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (!"POST".equals(exchange.getRequestMethod()) || !"/v1/traces".equals(exchange.getRequestURI().getPath())) {
				exchange.sendResponseHeaders(404, -1);
				return;
			}
			ExportTraceServiceRequest request;
			try (InputStream body = body(exchange)) {
				request = ExportTraceServiceRequest.parseFrom(body);
			}
			catch (IOException malformed) {
				exchange.sendResponseHeaders(400, -1);
				return;
			}
			this.spans.addAll(decode(request));
			byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
			exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
			exchange.sendResponseHeaders(200, (answer.length == 0) ? -1 : answer.length);
			if (answer.length > 0) {
				exchange.getResponseBody().write(answer);
			}
		}
	}

	private static InputStream body(HttpExchange exchange) throws IOException {
		InputStream body = exchange.getRequestBody();
		String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
		return "gzip".equalsIgnoreCase(encoding) ? new GZIPInputStream(body) : body;
	}

	private static List<ReceivedSpan> decode(ExportTraceServiceRequest request) {
		List<ReceivedSpan> decoded = new ArrayList<>();
		for (ResourceSpans resource : request.getResourceSpansList()) {
			String service = strings(resource.getResource().getAttributesList()).get("service.name");
			for (ScopeSpans scope : resource.getScopeSpansList()) {
				for (var span : scope.getSpansList()) {
					decoded.add(new ReceivedSpan(span.getName(), HEX.formatHex(span.getTraceId().toByteArray()),
							HEX.formatHex(span.getSpanId().toByteArray()),
							HEX.formatHex(span.getParentSpanId().toByteArray()), service,
							strings(span.getAttributesList())));
				}
			}
		}
		return decoded;
	}

	private static Map<String, String> strings(List<KeyValue> attributes) {
		Map<String, String> values = new LinkedHashMap<>();
		for (KeyValue attribute : attributes) {
			values.put(attribute.getKey(), text(attribute.getValue()));
		}
		return values;
	}

	private static String text(AnyValue value) {
		return switch (value.getValueCase()) {
			case STRING_VALUE -> value.getStringValue();
			case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
			case INT_VALUE -> Long.toString(value.getIntValue());
			case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
			default -> value.toString();
		};
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
