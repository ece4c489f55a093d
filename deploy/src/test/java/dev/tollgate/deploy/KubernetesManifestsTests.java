package dev.tollgate.deploy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static dev.tollgate.deploy.Repository.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Renders {@code deploy/kubernetes/overlays/production} with {@code kubectl kustomize} (kustomize v2.0.3 in
 * Debian's kubectl 1.20 and later) and checks the structure of what would be applied. Skipped, with a message, when
 * kubectl is absent ({@code .ci/run} installs Debian's {@code kubernetes-client}).
 */
class KubernetesManifestsTests {

	static final String OVERLAY = "deploy/kubernetes/overlays/production";

	private static List<Map<String, Object>> rendered;

	/** The rendered objects; each test is skipped (with the message) when kubectl is absent. */
	@SuppressWarnings("unchecked")
	static synchronized List<Map<String, Object>> objects() {
		ExternalTool kubectl = ExternalTool.require("kubectl", "KUBECTL",
				"Install Debian's kubernetes-client (apt-get install kubernetes-client) to render deploy/kubernetes.");
		if (rendered == null) {
			List<Map<String, Object>> objects = new ArrayList<>();
			for (Object document : new Yaml().loadAll(kubectl.run(Repository.root(), "kustomize", OVERLAY).stdout())) {
				if (document != null) {
					objects.add((Map<String, Object>) document);
				}
			}
			rendered = List.copyOf(objects);
		}
		return rendered;
	}

	@Test
	void renderWhenProductionOverlayThenEveryKindOnceWithStableApiVersions() {
		Map<String, String> kinds = objects().stream()
			.collect(Collectors.toMap((o) -> (String) o.get("kind"), (o) -> (String) o.get("apiVersion")));
		assertThat(objects()).hasSize(kinds.size());
		assertThat(kinds).containsExactlyInAnyOrderEntriesOf(Map.of("Namespace", "v1", "ConfigMap", "v1", "Secret",
				"v1", "Service", "v1", "Deployment", "apps/v1", "PodDisruptionBudget", "policy/v1",
				"HorizontalPodAutoscaler", "autoscaling/v2", "NetworkPolicy", "networking.k8s.io/v1"));
		objects().stream().filter((o) -> !"Namespace".equals(o.get("kind")))
			.forEach((o) -> assertThat((String) at(o, "metadata", "namespace")).as(name(o)).isEqualTo("tollgate"));
	}

	@Test
	void deploymentWhenRenderedThenProbesOnHealthGroupsOfTheManagementPortConfiguredInTheConfigMap() {
		Map<String, Object> container = container();
		assertThat((String) at(container, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
		assertThat((String) at(container, "readinessProbe", "httpGet", "path"))
			.isEqualTo("/actuator/health/readiness");
		assertThat((String) at(container, "startupProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
		List<Map<String, Object>> ports = at(container, "ports");
		int management = ports.stream().filter((p) -> "management".equals(p.get("name")))
			.map((p) -> (Integer) p.get("containerPort")).findFirst().orElseThrow();
		for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
			assertThat((Object) at(container, probe, "httpGet", "port")).as(probe).isIn("management", management);
		}
		Map<String, Object> platform = Repository.yaml(configMapFile("application.yml"));
		assertThat((Integer) at(platform, "management", "server", "port")).isEqualTo(management);
		assertThat((Boolean) at(platform, "management", "endpoint", "health", "probes", "enabled")).isTrue();
	}

	@Test
	void deploymentWhenRenderedThenResourceRequestsAndMemoryLimit() {
		Map<String, Object> resources = at(container(), "resources");
		assertThat((Object) at(resources, "requests", "cpu")).isNotNull();
		assertThat((Object) at(resources, "requests", "memory")).isNotNull();
		assertThat((Object) at(resources, "limits", "memory")).isEqualTo(at(resources, "requests", "memory"));
	}

	@Test
	void deploymentWhenRenderedThenNonRootReadOnlyRootNoCapabilitiesAndOnlyTmpWritable() {
		Map<String, Object> pod = at(deployment(), "spec", "template", "spec");
		assertThat((Boolean) at(pod, "securityContext", "runAsNonRoot")).isTrue();
		assertThat((Integer) at(pod, "securityContext", "runAsUser")).isPositive();
		assertThat((String) at(pod, "securityContext", "seccompProfile", "type")).isEqualTo("RuntimeDefault");
		assertThat((Boolean) at(pod, "automountServiceAccountToken")).isFalse();
		Map<String, Object> container = container();
		assertThat((Boolean) at(container, "securityContext", "readOnlyRootFilesystem")).isTrue();
		assertThat((Boolean) at(container, "securityContext", "allowPrivilegeEscalation")).isFalse();
		assertThat((List<String>) at(container, "securityContext", "capabilities", "drop")).containsExactly("ALL");
		List<Map<String, Object>> mounts = at(container, "volumeMounts");
		assertThat(mounts).filteredOn((m) -> !Boolean.TRUE.equals(m.get("readOnly")))
			.extracting((m) -> m.get("mountPath")).containsExactly("/tmp");
		List<Map<String, Object>> volumes = at(pod, "volumes");
		String tmpVolume = (String) mounts.stream().filter((m) -> "/tmp".equals(m.get("mountPath"))).findFirst()
			.orElseThrow().get("name");
		assertThat(volumes).filteredOn((v) -> tmpVolume.equals(v.get("name"))).singleElement()
			.satisfies((v) -> assertThat(v).containsKey("emptyDir"));
	}

	@Test
	void deploymentWhenRenderedThenConfigFromTheConfigMapWithRoutesAndSecretsOnlyFromTheSecret() {
		Map<String, Object> pod = at(deployment(), "spec", "template", "spec");
		List<Map<String, Object>> volumes = at(pod, "volumes");
		String configMapName = volumes.stream().filter((v) -> v.containsKey("configMap"))
			.map((v) -> (String) at(v, "configMap", "name")).findFirst().orElseThrow();
		assertThat(configMapName).isEqualTo(at(single("ConfigMap"), "metadata", "name"))
			.startsWith("tollgate-config-");
		List<Map<String, Object>> env = at(container(), "env");
		Map<String, Object> location = env.stream()
			.filter((e) -> "SPRING_CONFIG_ADDITIONAL_LOCATION".equals(e.get("name"))).findFirst().orElseThrow();
		assertThat((String) location.get("value")).contains("/config/application.yml").contains("/config/routes.yml");
		Map<String, Object> routes = Repository.yaml(configMapFile("routes.yml"));
		assertThat((List<?>) at(routes, "tollgate", "routes")).isNotEmpty();

		Map<String, Object> secret = single("Secret");
		Pattern sensitive = Pattern.compile("(?i).*(TOKEN|SECRET|PASSWORD|REDIS_URL).*");
		assertThat(env).filteredOn((e) -> sensitive.matcher((String) e.get("name")).matches()).isNotEmpty()
			.allSatisfy((e) -> {
				assertThat(e).as("%s comes from a Secret, never a literal value", e.get("name"))
					.doesNotContainKey("value");
				assertThat((String) at(e, "valueFrom", "secretKeyRef", "name"))
					.isEqualTo(at(secret, "metadata", "name"));
				assertThat((Map<String, Object>) secret.get("data"))
					.containsKey((String) at(e, "valueFrom", "secretKeyRef", "key"));
			});
	}

	@Test
	void secretsWhenRenderedThenOnlyMarkedPlaceholdersAndNoSecretInTheConfigMap() {
		Map<String, Object> secret = single("Secret");
		assertThat(secret).doesNotContainKey("stringData");
		Map<String, String> data = at(secret, "data");
		assertThat(data).isNotEmpty().allSatisfy((key, value) -> assertThat(
				new String(Base64.getMimeDecoder().decode(value), StandardCharsets.UTF_8))
			.as("committed value of %s must be a marked placeholder", key).contains("CHANGE-ME"));
		// In the ConfigMap, a property named like a secret may only reference the environment: ${...}.
		Map<String, String> files = at(single("ConfigMap"), "data");
		files.forEach((file, content) -> assertThat(SecretLikeProperties.withLiteralValues(Repository.yaml(content)))
			.as("secret-looking properties with literal values in ConfigMap file %s", file).isEmpty());
	}

	@Test
	void podDisruptionBudgetAndServiceWhenRenderedThenSelectExactlyTheDeploymentsPods() {
		Map<String, Object> deployment = deployment();
		Map<String, String> selector = at(deployment, "spec", "selector", "matchLabels");
		Map<String, String> podLabels = at(deployment, "spec", "template", "metadata", "labels");
		assertThat(podLabels).containsAllEntriesOf(selector);
		assertThat((Map<String, String>) at(single("PodDisruptionBudget"), "spec", "selector", "matchLabels"))
			.isEqualTo(selector);
		assertThat((Object) at(single("PodDisruptionBudget"), "spec", "minAvailable")).isNotNull();
		assertThat((Map<String, String>) at(single("Service"), "spec", "selector")).isEqualTo(selector);
		assertThat((Map<String, String>) at(single("NetworkPolicy"), "spec", "podSelector", "matchLabels"))
			.isEqualTo(selector);
	}

	@Test
	void horizontalPodAutoscalerWhenRenderedThenScalesTheDeploymentOnCpu() {
		Map<String, Object> hpa = single("HorizontalPodAutoscaler");
		assertThat((String) at(hpa, "spec", "scaleTargetRef", "apiVersion")).isEqualTo("apps/v1");
		assertThat((String) at(hpa, "spec", "scaleTargetRef", "kind")).isEqualTo("Deployment");
		assertThat((String) at(hpa, "spec", "scaleTargetRef", "name")).isEqualTo(at(deployment(), "metadata", "name"));
		int min = at(hpa, "spec", "minReplicas");
		assertThat(min).isGreaterThanOrEqualTo(2).isLessThanOrEqualTo((Integer) at(hpa, "spec", "maxReplicas"));
		assertThat((String) at(hpa, "spec", "metrics", "0", "resource", "name")).isEqualTo("cpu");
	}

	@Test
	void networkPolicyWhenRenderedThenManagementPortOnlyFromTheMonitoringNamespace() {
		Map<String, Object> policy = single("NetworkPolicy");
		assertThat((List<String>) at(policy, "spec", "policyTypes")).contains("Ingress");
		List<Map<String, Object>> rules = at(policy, "spec", "ingress");
		List<Map<String, Object>> managementRules = rules.stream().filter((r) -> ports(r).contains(8081)).toList();
		assertThat(managementRules).isNotEmpty().allSatisfy((r) -> {
			List<Map<String, Object>> from = at(r, "from");
			assertThat(from).as("8081 admitted without a source restriction").isNotEmpty();
			assertThat(from).allSatisfy((peer) -> assertThat((String) at(peer, "namespaceSelector", "matchLabels",
					"kubernetes.io/metadata.name")).isEqualTo("monitoring"));
		});
		assertThat(rules).anySatisfy((r) -> assertThat(ports(r)).contains(8080));
	}

	private static List<Integer> ports(Map<String, Object> rule) {
		List<Map<String, Object>> ports = at(rule, "ports");
		return (ports != null) ? ports.stream().map((p) -> (Integer) p.get("port")).toList() : List.of();
	}

	private static Map<String, Object> deployment() {
		return single("Deployment");
	}

	private static Map<String, Object> container() {
		List<Map<String, Object>> containers = at(deployment(), "spec", "template", "spec", "containers");
		assertThat(containers).hasSize(1);
		return containers.get(0);
	}

	private static String configMapFile(String file) {
		String content = at(single("ConfigMap"), "data", file);
		assertThat(content).as("ConfigMap file " + file).isNotNull();
		return content;
	}

	private static Map<String, Object> single(String kind) {
		List<Map<String, Object>> matching = objects().stream().filter((o) -> kind.equals(o.get("kind"))).toList();
		assertThat(matching).as(kind).hasSize(1);
		return matching.get(0);
	}

	private static String name(Map<String, Object> object) {
		return object.get("kind") + "/" + at(object, "metadata", "name");
	}

}
