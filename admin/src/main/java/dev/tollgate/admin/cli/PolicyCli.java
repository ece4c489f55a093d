package dev.tollgate.admin.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

import dev.tollgate.filters.policy.CompiledPolicy;
import dev.tollgate.filters.policy.PolicyCompileException;
import dev.tollgate.filters.policy.PolicyCompiler;
import dev.tollgate.filters.policy.PolicyMode;
import dev.tollgate.filters.policy.PolicyProperties;
import dev.tollgate.filters.policy.PolicyVerdict;

/**
 * {@code policy test}: evaluates a policy offline, as the gateway would, against hand-written cases
 * ({@code --cases}) or recorded audit events ({@code --audit}), and prints allow or deny with the reason for each.
 * The policy comes from the gateway's own configuration file ({@code --config}, bound like the gateway binds it) by
 * name ({@code --policy}) or by route ({@code --route}), or is given inline ({@code --expression}). Exit codes: 0
 * every case as expected, 1 a case answered other than its {@code expect} (or a policy that does not compile), 2 bad
 * command line. No Spring context, no network.
 */
public final class PolicyCli {

	private static final Set<String> OPTIONS = Set.of("config", "policy", "route", "expression", "mode", "cases",
			"audit", "output");

	static final String USAGE = """
			usage: policy test [--config application.yml] (--policy NAME | --route ID | --expression CEL)
			                   (--cases cases.yaml | --audit audit.jsonl) [--mode enforce|shadow] [--output text|json]
			  --cases   a YAML or JSON file: {cases: [{name, caller, request, route, now, expect: allow|deny}]}
			  --audit   JSON lines of tollgate.audit/1 events (other lines are skipped)
			""";

	private PolicyCli() {
	}

	public static void main(String[] args) {
		ApiKeyCli.logToStderr();
		System.exit(run(args, System.out, System.err, Clock.systemUTC()));
	}

	/** Runs one command; {@code args} may start with {@code policy}. */
	public static int run(String[] args, PrintStream out, PrintStream err, Clock clock) {
		List<String> list = new ArrayList<>(List.of(args));
		if (!list.isEmpty() && "policy".equals(list.get(0))) {
			list.remove(0);
		}
		if (list.isEmpty() || list.contains("--help") || list.contains("-h") || "help".equals(list.get(0))) {
			out.print(USAGE);
			return list.isEmpty() ? 2 : 0;
		}
		try {
			CliArguments cli = new CliArguments(list, OPTIONS);
			if (!"test".equals(cli.positional(0, "command"))) {
				throw new CliArguments.UsageException("unknown command '" + cli.positional(0, "command") + "'");
			}
			if ((cli.option("cases") == null) == (cli.option("audit") == null)) {
				throw new CliArguments.UsageException("give exactly one of --cases and --audit");
			}
			return test(cli, out, clock);
		}
		catch (CliArguments.UsageException ex) {
			err.println("policy: " + ex.getMessage());
			err.print(USAGE);
			return 2;
		}
		catch (PolicyCompileException ex) {
			err.println("policy: does not compile: " + String.join("; ", ex.issues()));
			return 1;
		}
	}

	private static int test(CliArguments cli, PrintStream out, Clock clock) {
		Configuration config = Configuration.load(cli.option("config"));
		PolicyCompiler compiler = new PolicyCompiler(config.policies().policy());
		Selected selected = select(cli, config);
		CompiledPolicy policy = compiler.compile(selected.name(), selected.mode(), selected.expression());
		boolean json = "json".equals(cli.option("output", "text"));
		List<Map<String, Object>> results = new ArrayList<>();
		int mismatches = 0;
		if (cli.option("cases") != null) {
			Object document = yaml(read(cli.option("cases")));
			Object cases = (document instanceof Map<?, ?> map) ? map.get("cases") : document;
			if (!(cases instanceof List<?> items)) {
				throw new CliArguments.UsageException("the cases file holds no list of cases");
			}
			int index = 0;
			for (Object item : items) {
				Map<?, ?> testCase = (item instanceof Map<?, ?> map) ? map : Map.of();
				index++;
				String name = (testCase.get("name") != null) ? String.valueOf(testCase.get("name")) : "case " + index;
				Map<String, Object> vars = PolicyCases.fromCase(testCase, selected.route(), selected.labels(),
						clock.instant());
				PolicyVerdict verdict = evaluate(policy, vars, compiler);
				Object expect = testCase.get("expect");
				boolean matches = expect == null || decision(verdict).equals(String.valueOf(expect));
				mismatches += matches ? 0 : 1;
				results.add(result(name, verdict, (expect != null) ? String.valueOf(expect) : null, matches));
			}
		}
		else {
			for (String line : read(cli.option("audit")).split("\\R")) {
				Map<?, ?> event = auditEvent(line);
				if (event == null) {
					continue;
				}
				Map<String, Object> vars = PolicyCases.fromAuditEvent(event, selected.labels());
				vars.putIfAbsent(dev.tollgate.filters.policy.PolicyVariables.NOW, clock.instant());
				PolicyVerdict verdict = evaluate(policy, vars, compiler);
				String name = event.get("correlation_id") + " " + event.get("route") + " " + event.get("client_id");
				Map<String, Object> result = result(name, verdict, null, true);
				result.put("recorded", (event.get("policy_result") != null) ? event.get("policy_result") : "-");
				results.add(result);
			}
		}
		print(out, json, policy, results, mismatches);
		return (mismatches == 0) ? 0 : 1;
	}

	private static PolicyVerdict evaluate(CompiledPolicy policy, Map<String, Object> vars, PolicyCompiler compiler) {
		return policy.evaluate((name) -> Optional.ofNullable(vars.containsKey(name) ? vars.get(name)
				: compiler.env().get(name)));
	}

	/** What the gateway does: allow, or deny (a failed evaluation denies too). */
	private static String decision(PolicyVerdict verdict) {
		return verdict.allowed() ? "allow" : "deny";
	}

	private static Map<String, Object> result(String name, PolicyVerdict verdict, String expect, boolean matches) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("case", name);
		result.put("decision", decision(verdict));
		result.put("reason", reason(verdict));
		if (expect != null) {
			result.put("expect", expect);
			result.put("ok", matches);
		}
		return result;
	}

	private static String reason(PolicyVerdict verdict) {
		return switch (verdict.result()) {
			case "allow" -> "the expression is true";
			case "deny" -> "the expression is false";
			default -> "evaluation failed (" + verdict.cause() + "): " + verdict.detail();
		};
	}

	private static void print(PrintStream out, boolean json, CompiledPolicy policy, List<Map<String, Object>> results,
			int mismatches) {
		if (json) {
			Map<String, Object> answer = new LinkedHashMap<>();
			answer.put("policy", policy.name());
			answer.put("mode", policy.mode().tag());
			answer.put("results", results);
			answer.put("mismatches", mismatches);
			out.println(ApiKeyCli.json(answer));
			return;
		}
		out.println("policy " + policy.name() + " (" + policy.mode().tag() + ")");
		for (Map<String, Object> r : results) {
			String mark = !r.containsKey("ok") ? "" : (Boolean.TRUE.equals(r.get("ok")) ? "PASS " : "FAIL ");
			String recorded = r.containsKey("recorded") ? "; recorded " + r.get("recorded") : "";
			String expected = Boolean.FALSE.equals(r.get("ok")) ? "; expected " + r.get("expect") : "";
			out.println("  " + mark + r.get("case") + ": " + r.get("decision") + " (" + r.get("reason") + ")"
					+ expected + recorded);
		}
		out.println(results.size() + " evaluated, " + mismatches + " not as expected");
	}

	private static Selected select(CliArguments cli, Configuration config) {
		int given = ((cli.option("policy") != null) ? 1 : 0) + ((cli.option("route") != null) ? 1 : 0)
				+ ((cli.option("expression") != null) ? 1 : 0);
		if (given != 1) {
			throw new CliArguments.UsageException("give exactly one of --policy, --route and --expression");
		}
		String routeId = cli.option("route", "route");
		Map<String, String> labels = Map.of();
		String reference = cli.option("expression");
		String mode = null;
		if (cli.option("route") != null) {
			Configuration.Route route = config.routes().stream().filter(r -> routeId.equals(r.id())).findFirst()
				.orElseThrow(() -> new CliArguments.UsageException("no route '" + routeId + "' in the configuration"));
			if (route.policy() == null) {
				throw new CliArguments.UsageException("route '" + routeId + "' has no policy");
			}
			reference = route.policy();
			mode = route.policyMode();
			labels = route.labels();
		}
		else if (cli.option("policy") != null) {
			reference = cli.option("policy");
			if (!config.policies().policies().containsKey(reference)) {
				throw new CliArguments.UsageException("no policy '" + reference + "' under tollgate.policies");
			}
		}
		PolicyProperties.SharedPolicy shared = config.policies().policies().get(reference);
		String name = (shared != null) ? reference : routeId + ".inline";
		String expression = (shared != null) ? shared.expression() : reference;
		String modeName = (cli.option("mode") != null) ? cli.option("mode")
				: (mode != null) ? mode : (shared != null) ? shared.mode() : "enforce";
		PolicyMode parsed = PolicyMode.parse(modeName);
		if (parsed == null) {
			throw new CliArguments.UsageException("mode must be enforce or shadow, was '" + modeName + "'");
		}
		return new Selected(name, expression, parsed, routeId, labels);
	}

	private record Selected(String name, String expression, PolicyMode mode, String route,
			Map<String, String> labels) {
	}

	/** A {@code tollgate.audit/1} event from one JSON log line, or {@code null} for any other line. */
	private static Map<?, ?> auditEvent(String line) {
		if (!line.contains("tollgate.audit/")) {
			return null;
		}
		try {
			return (yaml(line) instanceof Map<?, ?> map && map.get("schema") != null) ? map : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/** YAML 1.1, which reads JSON too; safe constructor, so a file builds no Java objects but maps and lists. */
	static Object yaml(String text) {
		return new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
	}

	private static String read(String path) {
		try {
			return Files.readString(Path.of(path));
		}
		catch (IOException ex) {
			throw new CliArguments.UsageException("cannot read " + path);
		}
	}

	/**
	 * The policy settings and routes of a gateway configuration file, bound like the gateway binds them.
	 *
	 * @param policies {@code tollgate.policies} and {@code tollgate.policy}
	 * @param routes the routes' ids, policies and labels
	 */
	record Configuration(PolicyProperties policies, List<Route> routes) {

		static Configuration load(String file) {
			if (file == null) {
				return new Configuration(new PolicyProperties(null, PolicyProperties.Settings.defaults()), List.of());
			}
			List<PropertySource<?>> sources;
			try {
				sources = new YamlPropertySourceLoader().load(file, new FileSystemResource(file));
			}
			catch (IOException | RuntimeException ex) {
				throw new CliArguments.UsageException("cannot read " + file + " as YAML");
			}
			Binder binder = new Binder(ConfigurationPropertySources.from(sources));
			PolicyProperties policies = binder.bindOrCreate("tollgate", PolicyProperties.class);
			List<Route> routes = binder.bind("tollgate.routes",
					org.springframework.boot.context.properties.bind.Bindable.listOf(Route.class))
				.orElse(List.of());
			return new Configuration(policies, routes);
		}

		/** The part of a route declaration a policy needs. */
		record Route(String id, String policy, String policyMode, Map<String, String> labels) {

			Route {
				labels = (labels != null) ? Map.copyOf(labels) : Map.of();
			}

		}

	}

}
