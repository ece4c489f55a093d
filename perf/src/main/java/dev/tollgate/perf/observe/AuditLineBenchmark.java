package dev.tollgate.perf.observe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.Yaml;

import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import dev.tollgate.filters.core.CallerIdentity;
import dev.tollgate.filters.core.CredentialKind;
import dev.tollgate.filters.core.TollgateAttributes;
import dev.tollgate.filters.observe.AuditTrail;

/**
 * One audit event ({@code tollgate.audit/1}, the event of an allowed bearer request) written through Logback to a
 * file, as the gateway writes it when its standard output goes to a file or a pipe. {@code layout}: {@code gateway}
 * is the gateway's own console pattern, read from its {@code application.yml} ({@code %replace} backstop and
 * {@code %kvp}); {@code no-replace} is the same pattern without the backstop's regex; {@code off} has the audit
 * logger at WARN, the cost of {@code logging.level.tollgate.audit=warn}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AuditLineBenchmark {

	private static final String AUDITED = "tollgate.audited";

	@Param({ "gateway", "no-replace", "off" })
	public String layout;

	private AuditTrail trail;

	private MockServerWebExchange exchange;

	private FileAppender<ILoggingEvent> appender;

	private Path file;

	@Setup(Level.Trial)
	public void setUp() throws IOException {
		this.file = Files.createTempFile("tollgate-audit", ".log");
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		PatternLayoutEncoder encoder = new PatternLayoutEncoder();
		encoder.setContext(context);
		encoder.setPattern("no-replace".equals(this.layout) ? withoutReplace(gatewayPattern()) : gatewayPattern());
		encoder.start();
		this.appender = new FileAppender<>();
		this.appender.setContext(context);
		this.appender.setFile(this.file.toString());
		this.appender.setEncoder(encoder);
		this.appender.start();
		Logger audit = context.getLogger(AuditTrail.LOGGER);
		audit.detachAndStopAllAppenders();
		audit.setAdditive(false);
		audit.setLevel("off".equals(this.layout) ? ch.qos.logback.classic.Level.WARN
				: ch.qos.logback.classic.Level.INFO);
		audit.addAppender(this.appender);

		this.trail = new AuditTrail(Clock.systemUTC());
		this.exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/orders/42")
			.header("X-Correlation-Id", "0f4c2a9e-5b1d-4c8e-9a57-3d2f1e0b6c71"));
		this.exchange.getAttributes()
			.put(TollgateAttributes.CALLER_IDENTITY,
					new CallerIdentity("perf-client-17", "perf-client-17", Set.of("orders:read", "orders:write"),
							CredentialKind.JWT, "corp", Instant.now().plusSeconds(300), null));
		this.exchange.getAttributes().put(TollgateAttributes.UPSTREAM_TOKEN, "minted");
		this.exchange.getAttributes().put(AuditTrail.STARTED, System.nanoTime());
		this.exchange.getAttributes()
			.put(ServerWebExchangeUtils.URI_TEMPLATE_VARIABLES_ATTRIBUTE, Map.of("id", "42"));
	}

	@TearDown(Level.Trial)
	public void tearDown() throws IOException {
		this.appender.stop();
		Files.deleteIfExists(this.file);
	}

	@Benchmark
	public void decision() {
		this.exchange.getAttributes().remove(AUDITED);
		this.trail.decision(this.exchange, "orders", "upstream-token", "allowed", "forwarded", 0);
	}

	/** The gateway's console pattern, from its {@code application.yml} (run-jmh.sh runs from the repository root). */
	@SuppressWarnings("unchecked")
	static String gatewayPattern() throws IOException {
		String text = Files.readString(Path.of("gateway-app/src/main/resources/application.yml"));
		Map<String, Object> logging = (Map<String, Object>) new Yaml().<Map<String, Object>>load(text).get("logging");
		return (String) ((Map<String, Object>) logging.get("pattern")).get("console");
	}

	/** {@code %replace(X){'regex', '_'}} becomes {@code X}. */
	static String withoutReplace(String pattern) {
		int start = pattern.indexOf("%replace(");
		int body = pattern.indexOf("){", start);
		int close = pattern.indexOf("'}", body);
		return pattern.substring(0, start) + pattern.substring(start + "%replace(".length(), body)
				+ pattern.substring(close + 2);
	}

}
