package dev.tollgate.docs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * Renders {@code docs/configuration.md} from the configuration metadata: one section per property prefix, one table
 * row per property with its type, default, description and allowed values. The text comes from the javadoc of the
 * {@code @ConfigurationProperties} fields (and {@code additional-spring-configuration-metadata.json}), so the
 * reference changes with the code and nowhere else.
 */
final class ConfigurationReference {

	static final String REGENERATE = "mvn -B -o -pl demo -am test -Dtest=ConfigurationReferenceTests "
			+ "-Dsurefire.failIfNoSpecifiedTests=false -Dtollgate.docs.write=true";

	/** Sections in reading order, each with the guide that explains it; a prefix not listed here comes last. */
	private static final Map<String, String> SECTIONS = new LinkedHashMap<>();

	static {
		SECTIONS.put("tollgate.routes[]", "Routes and the pipeline they run: [routes.md](routes.md).");
		SECTIONS.put("tollgate.gateway", "Gateway-wide edge settings: [routes.md](routes.md#gateway-wide-settings), "
				+ "[security-model.md](security-model.md).");
		SECTIONS.put("tollgate.issuers[]", "Trusted issuers of bearer tokens: [bearer-tokens.md](bearer-tokens.md).");
		SECTIONS.put("tollgate.bearer", "Limits and caches of bearer-token validation: "
				+ "[bearer-tokens.md](bearer-tokens.md).");
		SECTIONS.put("tollgate.api-keys", "Legacy API keys and their migration: "
				+ "[api-key-migration.md](api-key-migration.md).");
		SECTIONS.put("tollgate.rate-limit", "Rate limiting: [rate-limiting.md](rate-limiting.md).");
		SECTIONS.put("tollgate.minting", "The gateway's own issuer of upstream tokens: "
				+ "[token-exchange.md](token-exchange.md#the-gateways-own-issuer).");
		SECTIONS.put("tollgate.sts.<name>", "STS profiles for token exchange: [token-exchange.md](token-exchange.md).");
		SECTIONS.put("tollgate.binding", "Sender-constrained tokens, DPoP and mTLS: "
				+ "[sender-constrained-tokens.md](sender-constrained-tokens.md).");
		SECTIONS.put("tollgate.redis", "The shared Redis: [operations.md](operations.md#redis).");
		SECTIONS.put("tollgate.admin", "The management plane's token: "
				+ "[security-model.md](security-model.md#management-plane).");
		SECTIONS.put("tollgate.policies", "Shared route policies in CEL: [policies.md](policies.md).");
		SECTIONS.put("tollgate.policy", "Settings of every route policy: [policies.md](policies.md).");
		SECTIONS.put("tollgate.tracing", "Distributed tracing (OTLP): [tracing.md](tracing.md).");
		SECTIONS.put("tollgate.demo", "The quick-start demo (`demo/target/tollgate-demo.jar` only).");
	}

	private static final Pattern INLINE_TAG = Pattern
		.compile("\\{@(code|literal|link|linkplain)\\s+((?:[^{}]|\\{[^{}]*\\})*)\\}");

	private ConfigurationReference() {
	}

	static String render(ConfigurationMetadata metadata) {
		Map<String, List<ConfigurationMetadata.Property>> sections = new LinkedHashMap<>();
		SECTIONS.keySet().forEach((section) -> sections.put(section, new ArrayList<>()));
		for (ConfigurationMetadata.Property property : metadata.properties().values()) {
			sections.computeIfAbsent(section(property.name()), (key) -> new ArrayList<>()).add(property);
		}
		StringBuilder out = new StringBuilder();
		out.append("<!-- Generated from the Spring configuration metadata by ConfigurationReferenceTests; do not edit.\n")
			.append("     Change the javadoc of the @ConfigurationProperties field (or additional-spring-configuration-metadata.json\n")
			.append("     for list and map entries), then regenerate:\n     ")
			.append(REGENERATE)
			.append(" -->\n");
		out.append("# Configuration reference\n\n");
		out.append("Every `tollgate.*` property, generated from the configuration metadata that IDEs use for completion. ")
			.append("Put them in a YAML or properties file and start the gateway with it:\n\n")
			.append("```bash\n")
			.append("java -jar gateway-app/target/tollgate-gateway.jar --spring.config.additional-location=file:./tollgate.yml\n")
			.append("# in a container: SPRING_CONFIG_ADDITIONAL_LOCATION=file:/config/\n")
			.append("```\n\n")
			.append("Any property can also come from the environment by Spring Boot's relaxed binding ")
			.append("(`tollgate.admin.token` is `TOLLGATE_ADMIN_TOKEN`), and any value may reference one (`${ENV}`). ")
			.append("`[]` stands for an entry of a list (`tollgate.routes[0].path`), `<name>` for a key you choose ")
			.append("(`tollgate.sts.corp.token-uri`). Durations take `ms`, `s`, `m`, `h`, `d` suffixes. ")
			.append("Mistakes stop startup with one message that lists every problem at once, each naming the property ")
			.append("(and the route): a missing or wrong value, a value of the wrong type, and an unknown ")
			.append("`tollgate.*` property, so a misspelt key never leaves a route silently unprotected. An unknown ")
			.append("property is named with where it was set and the nearest known name, e.g. ")
			.append("`tollgate.rate-limit.on-store-failur: is not a known property; did you mean ")
			.append("tollgate.rate-limit.on-store-failure? (from class path resource [application.yml] - 12:5)`; ")
			.append("a property of a module that is not on the classpath (`tollgate.demo.*` in the production jar) is ")
			.append("unknown too. Like Spring Boot's own check, environment variables and system properties are bound ")
			.append("but never reported as unknown: they also carry the host's variables (Kubernetes sets ")
			.append("`TOLLGATE_PORT` and `TOLLGATE_SERVICE_HOST` for a Service named `tollgate`).\n\n");
		for (Map.Entry<String, List<ConfigurationMetadata.Property>> section : sections.entrySet()) {
			if (section.getValue().isEmpty()) {
				continue;
			}
			out.append("## `").append(section.getKey()).append("`\n\n");
			ConfigurationMetadata.Group group = metadata.groups().get(section.getKey());
			if (group != null && group.description() != null) {
				out.append(text(group.description())).append(' ');
			}
			out.append(SECTIONS.getOrDefault(section.getKey(), "")).append("\n\n");
			out.append("| property | type | default | description |\n|---|---|---|---|\n");
			for (ConfigurationMetadata.Property property : section.getValue()) {
				out.append("| `")
					.append(property.name())
					.append("` | ")
					.append(type(property.type()))
					.append(" | ")
					.append(defaultValue(property.defaultValue()))
					.append(" | ")
					.append(cell(description(property, metadata.hints().get(property.name()))))
					.append(" |\n");
			}
			out.append('\n');
		}
		return out.toString();
	}

	private static String section(String name) {
		for (String section : SECTIONS.keySet()) {
			if (name.equals(section) || name.startsWith(section + ".")) {
				return section;
			}
		}
		if (name.startsWith("tollgate.routes")) {
			return "tollgate.routes[]";
		}
		if (name.startsWith("tollgate.issuers")) {
			return "tollgate.issuers[]";
		}
		if (name.startsWith("tollgate.sts")) {
			return "tollgate.sts.<name>";
		}
		String[] parts = name.split("\\.");
		return parts[0] + "." + parts[1];
	}

	private static String description(ConfigurationMetadata.Property property,
			List<ConfigurationMetadata.Value> hints) {
		StringBuilder text = new StringBuilder(text(property.description() == null ? "" : property.description()));
		if (hints != null) {
			text.append(text.isEmpty() ? "" : " ").append("Values: ");
			for (int i = 0; i < hints.size(); i++) {
				ConfigurationMetadata.Value hint = hints.get(i);
				text.append(i == 0 ? "" : "; ").append('`').append(hint.value()).append('`');
				if (hint.description() != null) {
					text.append(" (").append(text(hint.description()).replaceAll("\\.$", "")).append(')');
				}
			}
			text.append('.');
		}
		return text.toString();
	}

	/** Javadoc inline tags to Markdown: {@code x} and {@literal x} to code, {@link #x} to its name. */
	static String text(String javadoc) {
		Matcher matcher = INLINE_TAG.matcher(javadoc);
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			String body = matcher.group(2).trim();
			String replacement = switch (matcher.group(1)) {
				case "code", "literal" -> "`" + body + "`";
				default -> "`" + DeclaredProperties.kebab(body.substring(body.indexOf('#') + 1)) + "`";
			};
			matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
		}
		matcher.appendTail(out);
		return out.toString().trim();
	}

	private static String cell(String text) {
		return text.replace("|", "\\|").replace("\n", " ");
	}

	private static String type(String type) {
		if (type == null) {
			return "";
		}
		String simple = type.replaceAll("[\\w.]+\\.(\\w+\\$)?(\\w+)", "$2");
		return "`" + simple + "`";
	}

	private static String defaultValue(JsonNode value) {
		if (value == null || value.isNull()) {
			return "";
		}
		if (value.isArray()) {
			List<String> items = new ArrayList<>();
			value.forEach((item) -> items.add(item.asString()));
			return cell("`[" + String.join(", ", items) + "]`");
		}
		return cell("`" + value.asString() + "`");
	}

}
