package dev.tollgate.admin.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.LoggerFactory;

import dev.tollgate.admin.ApiKeyAdmin;
import dev.tollgate.apikeys.record.ApiKeyRecord;
import dev.tollgate.apikeys.lifecycle.IssueRequest;
import dev.tollgate.apikeys.lifecycle.KeyLabels;
import dev.tollgate.apikeys.lifecycle.IssuedKey;
import dev.tollgate.apikeys.lifecycle.KeyStateException;
import dev.tollgate.apikeys.phase.Durations;
import dev.tollgate.apikeys.phase.Phase;
import dev.tollgate.apikeys.report.ReportRenderer;
import dev.tollgate.apikeys.store.KeyConflictException;
import dev.tollgate.apikeys.store.RecordJson;
import dev.tollgate.apikeys.transfer.LegacyKeyImport;

/**
 * {@code java -jar tollgate-gateway.jar keys <command> ...}: administer keys directly in the store, Redis
 * ({@code --redis redis://...}; changes reach running gateways through pub/sub) or an export file
 * ({@code --file keys.json}, created when missing, written back after a change). No Spring context: the jar's main
 * hands over before Spring Boot starts, and the store is reached with Lettuce alone. {@code check} and
 * {@code validate} need no store at all. Results go to stdout ({@code --output json} for scripts), logs and errors to
 * stderr. Exit codes: 0 done, 1 refused (unknown key, wrong state, conflict, store down, malformed key), 2 bad
 * command line. Every command is described in {@link CliHelp} ({@code keys COMMAND --help}) and docs/cli.md.
 */
public final class ApiKeyCli {

	/** The log line of the command line, on stderr (see {@link #logToStderr()}). */
	static final String LOG_PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{36} : %msg %kvp%n";

	private static final Set<String> OPTIONS = Set.of("redis", "prefix", "file", "client", "scopes", "routes",
			"owner", "valid", "phase", "notes", "labels", "overlap", "sunset", "days", "format", "output");

	private static final Set<String> CHANGES = Set.of("issue", "rotate", "revoke", "expire", "phase", "import");

	private static final Set<String> HELP = Set.of("--help", "-h");

	private ApiKeyCli() {
	}

	/** The command line in a JVM of its own, as {@code java -jar tollgate-gateway.jar keys ...} runs it. */
	public static void main(String[] args) {
		logToStderr();
		skipLettuceExtras();
		System.exit(run(args, System.out, System.err));
	}

	/**
	 * What Lettuce sets up for a long-running process that a single command only pays for at startup: its Java
	 * Flight Recorder events and the native epoll transport (a library extracted and loaded, where NIO serves one
	 * connection as well). Read once, when Lettuce's classes initialise, so set before any is loaded; explicit
	 * {@code -D} settings win.
	 */
	private static void skipLettuceExtras() {
		for (String property : List.of("io.lettuce.core.jfr", "io.lettuce.core.epoll", "io.lettuce.core.iouring")) {
			if (System.getProperty(property) == null) {
				System.setProperty(property, "false");
			}
		}
	}

	/**
	 * Sends logs to stderr for this JVM: {@code dev.tollgate} at INFO, everything else at WARN. Call before anything
	 * logs. Configured in code rather than from an XML file: parsing logback XML (Joran, some 300 classes) cost the
	 * command line about 0.4 s. An explicit {@code -Dlogback.configurationFile} wins.
	 */
	public static void logToStderr() {
		if (System.getProperty("logback.configurationFile") != null
				|| !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
			return;
		}
		context.reset();
		PatternLayoutEncoder encoder = new PatternLayoutEncoder();
		encoder.setContext(context);
		encoder.setPattern(LOG_PATTERN);
		encoder.start();
		ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
		stderr.setContext(context);
		stderr.setName("STDERR");
		stderr.setTarget("System.err");
		stderr.setEncoder(encoder);
		stderr.start();
		Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
		root.setLevel(Level.WARN);
		root.addAppender(stderr);
		context.getLogger("dev.tollgate").setLevel(Level.INFO);
	}

	/** Runs one command; {@code args} may start with {@code keys}. */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		List<String> list = new ArrayList<>(Arrays.asList(args));
		if (!list.isEmpty() && "keys".equals(list.get(0))) {
			list.remove(0);
		}
		if (list.stream().anyMatch(HELP::contains) || (!list.isEmpty() && "help".equals(list.get(0)))) {
			return help(list, out, err);
		}
		CliArguments cli;
		String command;
		Output output;
		try {
			cli = new CliArguments(list, OPTIONS);
			command = cli.positional(0, "command");
			if (!CliHelp.COMMANDS.containsKey(command)) {
				throw new CliArguments.UsageException("unknown command '" + command + "'");
			}
			output = Output.parse(cli.option("output", "text"));
			if (CliHelp.COMMANDS.get(command).needsStore()
					&& (cli.option("redis") == null) == (cli.option("file") == null)) {
				throw new CliArguments.UsageException("give exactly one of --redis and --file");
			}
		}
		catch (CliArguments.UsageException ex) {
			err.println("keys: " + ex.getMessage());
			err.print(CliHelp.usage());
			return 2;
		}
		try {
			if (!CliHelp.COMMANDS.get(command).needsStore()) {
				return OfflineCommands.execute(command, cli, output, out);
			}
			try (CliSession session = CliSession.open(cli)) {
				int code = execute(command, cli, output, session, out);
				if (code == 0 && CHANGES.contains(command)) {
					session.save();
				}
				return code;
			}
		}
		catch (CliArguments.UsageException ex) {
			err.println("keys: " + ex.getMessage());
			err.print(CliHelp.help(command));
			return 2;
		}
		catch (RefusedException | IllegalArgumentException | IllegalStateException
				| java.time.format.DateTimeParseException ex) {
			err.println("keys: " + ex.getMessage());
			return 1;
		}
	}

	/** {@code keys --help}, {@code keys COMMAND --help}, {@code keys help [COMMAND]}: help on stdout, exit 0. */
	private static int help(List<String> args, PrintStream out, PrintStream err) {
		String named = args.stream().filter(CliHelp.COMMANDS::containsKey).findFirst().orElse(null);
		if (named != null) {
			out.print(CliHelp.help(named));
			return 0;
		}
		String unknown = args.stream().filter(a -> !a.startsWith("-") && !"help".equals(a)).findFirst().orElse(null);
		if (unknown != null && args.indexOf(unknown) <= 1) {
			err.println("keys: unknown command '" + unknown + "'");
			err.print(CliHelp.usage());
			return 2;
		}
		out.print(CliHelp.usage());
		return 0;
	}

	private static int execute(String command, CliArguments cli, Output output, CliSession s, PrintStream out) {
		Instant now = s.clock().instant();
		switch (command) {
			case "issue" -> printIssued(out, output, await(s.admin().issue(IssueRequest.forClient(required(cli, "client"))
				.owner(cli.option("owner"))
				.scopes(words(cli.option("scopes")))
				.routes(words(cli.option("routes")))
				.validity((cli.option("valid") != null) ? Durations.parse(cli.option("valid")) : null)
				.phase((cli.option("phase") != null) ? Phase.parse(cli.option("phase")) : Phase.ALLOW)
				.notes(cli.option("notes"))
				.labels(KeyLabels.parse(cli.option("labels"))))), now);
			case "rotate" -> printIssued(out, output, await(s.admin().rotate(cli.positional(1, "KEY_ID"),
					(cli.option("overlap") != null) ? Durations.parse(cli.option("overlap")) : null)), now);
			case "revoke" -> printRecord(out, await(s.admin().revoke(cli.positional(1, "KEY_ID"))), now);
			case "expire" -> printRecord(out, await(s.admin().expire(cli.positional(1, "KEY_ID"))), now);
			case "phase" -> printRecord(out, await(s.admin().phase(cli.positional(1, "KEY_ID"),
					Phase.parse(cli.positional(2, "PHASE")),
					(cli.option("sunset") != null) ? Instant.parse(cli.option("sunset")) : null)), now);
			case "list" -> printList(out, output, await(s.admin().list()));
			case "show" -> out.println(json(await(s.admin().show(cli.positional(1, "KEY_ID"), days(cli)))));
			case "import" -> {
				LegacyKeyImport.Result result = await(s.admin().importKeys(read(Path.of(cli.positional(1, "FILE")))));
				if (output == Output.JSON) {
					Map<String, Object> answer = new LinkedHashMap<>();
					answer.put("imported", result.imported());
					answer.put("skipped", result.skipped());
					out.println(json(answer));
				}
				else {
					out.println("imported " + result.imported().size() + " keys" + (result.imported().isEmpty() ? ""
							: ": " + String.join(" ", result.imported())));
					if (!result.skipped().isEmpty()) {
						out.println("skipped (id or hash already present): " + String.join(" ", result.skipped()));
					}
				}
			}
			case "export" -> out.println(await(s.admin().export()));
			case "report" -> out.print(await(s.admin().report(ReportRenderer.Format
				.parse(cli.option("format", (output == Output.JSON) ? "json" : "table")), days(cli))));
			default -> throw new CliArguments.UsageException("unknown command '" + command + "'");
		}
		return 0;
	}

	private static void printIssued(PrintStream out, Output output, IssuedKey issued, Instant now) {
		if (output == Output.JSON) {
			out.println(json(ApiKeyAdmin.issued(issued, now)));
			return;
		}
		out.println("key id:  " + issued.record().keyId());
		out.println("key:     " + issued.key());
		out.println("This key is shown once and cannot be recovered; store it now.");
		printRecord(out, issued.record(), now);
	}

	private static void printRecord(PrintStream out, ApiKeyRecord record, Instant now) {
		out.println(json(ApiKeyAdmin.view(record, now)));
	}

	@SuppressWarnings("unchecked")
	private static void printList(PrintStream out, Output output, List<Map<String, Object>> keys) {
		if (output == Output.JSON) {
			out.println(json(keys));
			return;
		}
		out.printf("%-14s %-20s %-8s %-9s %-21s %s%n", "KEY ID", "CLIENT", "STATE", "PHASE", "LAST USED", "SCOPES");
		for (Map<String, Object> k : keys) {
			out.printf("%-14s %-20s %-8s %-9s %-21s %s%n", k.get("key_id"), k.get("client_id"), k.get("state"),
					k.get("phase"), (k.get("last_used") != null) ? k.get("last_used") : "never",
					String.join(" ", (List<String>) k.get("scopes")));
		}
	}

	private static int days(CliArguments cli) {
		try {
			return Integer.parseInt(cli.option("days", "30"));
		}
		catch (NumberFormatException ex) {
			throw new CliArguments.UsageException("--days needs a whole number of days");
		}
	}

	static String json(Object value) {
		return RecordJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
	}

	static <T> T await(CompletionStage<T> stage) {
		try {
			return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() instanceof java.util.concurrent.CompletionException c
					&& c.getCause() != null) ? c.getCause() : ex.getCause();
			if (cause instanceof KeyStateException || cause instanceof KeyConflictException
					|| cause instanceof IllegalArgumentException) {
				throw new RefusedException(cause.getMessage());
			}
			throw new RefusedException("the key store failed: " + cause.getClass().getSimpleName());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RefusedException("interrupted");
		}
		catch (java.util.concurrent.TimeoutException ex) {
			throw new RefusedException("the key store did not answer within 30 s");
		}
	}

	private static String required(CliArguments cli, String option) {
		String value = cli.option(option);
		if (value == null || value.isBlank()) {
			throw new CliArguments.UsageException("--" + option + " is required");
		}
		return value;
	}

	private static Set<String> words(String value) {
		return (value == null || value.isBlank()) ? Set.of()
				: new LinkedHashSet<>(Arrays.asList(value.trim().split("[\\s,]+")));
	}

	static String read(Path path) {
		try {
			return Files.readString(path, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new RefusedException("cannot read " + path + ": " + ex.getClass().getSimpleName());
		}
	}

	/** {@code --output}: text for people, JSON (one document per command) for scripts. */
	enum Output {

		TEXT, JSON;

		static Output parse(String value) {
			return switch (value) {
				case "text" -> TEXT;
				case "json" -> JSON;
				default -> throw new CliArguments.UsageException("--output is text or json, not '" + value + "'");
			};
		}

	}

	/** An operation the store or the lifecycle refused: exit code 1. */
	static final class RefusedException extends RuntimeException {

		RefusedException(String message) {
			super(message, null, false, false);
		}

	}

}
