package dev.tollgate.deploy;

import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.tollgate.deploy.Repository.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Structure of the compose quick start ({@code deploy/compose}): there is no Docker engine on the build machine,
 * so this checks what {@code docker compose up} depends on: services, Redis durability, health checks and start
 * order, the gateway's confinement, and that the gateway's configuration, Keycloak's realm and the compose network
 * agree with each other (issuer, audience, scopes, host names, ports).
 */
class ComposeFileTests {

	static final Map<String, Object> compose = Repository.yaml(Repository.read("deploy/compose/compose.yaml"));

	static final Map<String, Object> tollgate = Repository
		.yaml(Repository.read("deploy/compose/tollgate/application.yml"));

	static final JsonNode realm = JsonMapper.builder().build()
		.readTree(Repository.read("deploy/compose/keycloak/tollgate-realm.json"));

	@Test
	void composeWhenParsedThenGatewayRedisKeycloakAndUpstreamWithHealthChecks() {
		Map<String, Object> services = at(compose, "services");
		assertThat(services).containsOnlyKeys("gateway", "redis", "keycloak", "echo");
		for (String service : List.of("gateway", "redis", "keycloak")) {
			assertThat((List<?>) at(services, service, "healthcheck", "test")).as(service).isNotEmpty();
		}
		Map<String, Map<String, String>> dependsOn = at(services, "gateway", "depends_on");
		assertThat(dependsOn.get("redis")).containsEntry("condition", "service_healthy");
		assertThat(dependsOn.get("keycloak")).containsEntry("condition", "service_healthy");
		assertThat(dependsOn).containsKey("echo");
	}

	@Test
	void redisWhenStartedThenAppendOnlyFileOnAVolumeAndNoEviction() {
		String command = String.join(" ", (List<String>) at(compose, "services", "redis", "command"));
		assertThat(command).contains("--appendonly yes").contains("--maxmemory-policy noeviction");
		assertThat((List<String>) at(compose, "services", "redis", "volumes")).anyMatch((v) -> v.endsWith(":/data"));
	}

	@Test
	void gatewayWhenStartedThenNonRootReadOnlyNoCapabilitiesAndManagementOnlyOnLoopback() {
		Map<String, Object> gateway = at(compose, "services", "gateway");
		assertThat((String) gateway.get("user")).matches("[1-9][0-9]*:[0-9]+");
		assertThat((Boolean) gateway.get("read_only")).isTrue();
		assertThat((List<String>) gateway.get("cap_drop")).containsExactly("ALL");
		assertThat((List<String>) gateway.get("tmpfs")).containsExactly("/tmp");
		int management = at(tollgate, "management", "server", "port");
		List<String> ports = at(gateway, "ports");
		assertThat(ports).filteredOn((p) -> p.endsWith(":" + management)).singleElement()
			.satisfies((p) -> assertThat(p).startsWith("127.0.0.1:"));
		String healthcheck = String.join(" ", (List<String>) at(gateway, "healthcheck", "test"));
		assertThat(healthcheck).contains("/dev/tcp/127.0.0.1/" + management).contains("/actuator/health/readiness");
	}

	@Test
	void gatewayWhenStartedThenReadsTheMountedConfigurationFile() {
		Map<String, Object> gateway = at(compose, "services", "gateway");
		assertThat((List<String>) gateway.get("volumes"))
			.contains("./tollgate/application.yml:/config/application.yml:ro");
		assertThat((String) at(gateway, "environment", "SPRING_CONFIG_ADDITIONAL_LOCATION")).isEqualTo("file:/config/");
		assertThat(Files.isRegularFile(Repository.file("deploy/compose/tollgate/application.yml"))).isTrue();
		assertThat((List<String>) at(compose, "services", "keycloak", "volumes"))
			.contains("./keycloak/tollgate-realm.json:/opt/keycloak/data/import/tollgate-realm.json:ro");
	}

	@Test
	void configurationWhenComparedWithComposeAndRealmThenIssuerAudienceScopesAndHostsAgree() {
		String issuer = at(tollgate, "tollgate", "issuers", "0", "issuer-uri");
		String frontend = at(compose, "services", "keycloak", "environment", "KC_HOSTNAME");
		assertThat(issuer).isEqualTo(frontend + "/realms/" + realm.path("realm").asString());
		assertThat(host(at(tollgate, "tollgate", "issuers", "0", "jwks-uri"))).isEqualTo("keycloak");
		assertThat(host(at(tollgate, "tollgate", "redis", "url"))).isEqualTo("redis");
		assertThat(host(at(tollgate, "tollgate", "routes", "0", "upstream"))).isEqualTo("echo");

		JsonNode client = realm.path("clients").get(0);
		assertThat(client.path("serviceAccountsEnabled").asBoolean()).isTrue();
		assertThat(client.path("standardFlowEnabled").asBoolean()).isFalse();
		String audience = at(tollgate, "tollgate", "routes", "0", "audience");
		assertThat(client.path("protocolMappers").findValuesAsString("included.custom.audience"))
			.containsExactly(audience);
		List<String> scopes = at(tollgate, "tollgate", "routes", "0", "scopes");
		assertThat(client.path("optionalClientScopes").values().stream().map(JsonNode::asString).toList())
			.containsAll(scopes);
		assertThat(realm.path("clientScopes").findValuesAsString("name")).containsAll(scopes);
		assertThat((String) at(tollgate, "tollgate", "gateway", "public-base-url") + "/orders").isEqualTo(audience);
	}

	@Test
	void secretsWhenCommittedThenOnlyMarkedPlaceholders() {
		Pattern sensitive = Pattern.compile("(?i).*(TOKEN|SECRET|PASSWORD).*");
		for (String service : List.of("gateway", "redis", "keycloak", "echo")) {
			Map<String, Object> environment = at(compose, "services", service, "environment");
			if (environment != null) {
				environment.forEach((name, value) -> {
					if (sensitive.matcher(name).matches()) {
						assertThat(String.valueOf(value)).as(service + " " + name).contains("CHANGE-ME");
					}
				});
			}
		}
		assertThat(realm.path("clients").findValuesAsString("secret")).allSatisfy((s) -> assertThat(s).contains("CHANGE-ME"));
		assertThat(SecretLikeProperties.withLiteralValues(tollgate)).isEmpty();
	}

	private static String host(String uri) {
		return URI.create(uri).getHost();
	}

}
