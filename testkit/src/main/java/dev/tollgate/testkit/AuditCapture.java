package dev.tollgate.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;

/**
 * Captures what logger {@code tollgate.audit} writes, encoded by Spring Boot's own structured-logging encoder (ECS
 * by default, as {@code logging.structured.format.console=ecs} configures it), and parses each line back as JSON:
 * tests see exactly what a log shipper would. Close it to detach.
 */
public final class AuditCapture implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

	private final OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();

	private final Logger logger;

	private AuditCapture(String format) {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		if (context.getObject(Environment.class.getName()) == null) {
			// Outside a Spring Boot application (a unit test) the encoder has no environment to read its settings
			// from: give it an empty one, which means the defaults.
			context.putObject(Environment.class.getName(), new StandardEnvironment());
		}
		StructuredLogEncoder encoder = new StructuredLogEncoder();
		encoder.setContext(context);
		encoder.setFormat(format);
		encoder.start();
		this.appender.setContext(context);
		this.appender.setName("audit-capture");
		this.appender.setEncoder(encoder);
		this.appender.setOutputStream(this.bytes);
		this.appender.setImmediateFlush(true);
		this.appender.start();
		this.logger = context.getLogger("tollgate.audit");
		this.logger.addAppender(this.appender);
	}

	/** Starts capturing, ECS format. */
	public static AuditCapture start() {
		return new AuditCapture("ecs");
	}

	/** Starts capturing in a structured format of Spring Boot's ({@code ecs}, {@code logstash}, {@code gelf}). */
	public static AuditCapture start(String format) {
		return new AuditCapture(format);
	}

	/** The raw JSON lines written so far. */
	public synchronized List<String> lines() {
		String text = this.bytes.toString(StandardCharsets.UTF_8);
		List<String> lines = new ArrayList<>();
		for (String line : text.split("\\R")) {
			if (!line.isBlank()) {
				lines.add(line);
			}
		}
		return lines;
	}

	/** Every event so far, each line parsed as a JSON object. */
	@SuppressWarnings("unchecked")
	public List<Map<String, Object>> events() {
		return lines().stream().map(line -> (Map<String, Object>) JSON.readValue(line, Map.class)).toList();
	}

	/** The events matching {@code filter}. */
	public List<Map<String, Object>> events(Predicate<Map<String, Object>> filter) {
		return events().stream().filter(filter).toList();
	}

	@Override
	public void close() {
		this.logger.detachAppender(this.appender);
		this.appender.stop();
	}

}
