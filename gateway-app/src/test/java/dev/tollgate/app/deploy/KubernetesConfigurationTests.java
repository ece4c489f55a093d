package dev.tollgate.app.deploy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

import dev.tollgate.filters.config.StrictConfigurationCheck;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes ConfigMaps ({@code deploy/kubernetes}) hold only properties the gateway knows, with valid values: a
 * misspelt key there would otherwise be found only in a cluster.
 */
class KubernetesConfigurationTests {

	@Test
	void checkWhenBaseAndProductionOverlayThenEveryTollgatePropertyKnownAndValid() throws IOException {
		List<PropertySource<?>> sources = new ArrayList<>();
		YamlPropertySourceLoader loader = new YamlPropertySourceLoader();
		for (String file : List.of("../deploy/kubernetes/overlays/production/routes.yml",
				"../deploy/kubernetes/base/application.yml")) {
			sources.addAll(loader.load(file, new FileSystemResource(file)));
		}
		assertThat(sources).hasSize(2);
		new ApplicationContextRunner()
			.withInitializer((context) -> sources.forEach(context.getEnvironment().getPropertySources()::addLast))
			.withUserConfiguration(StrictConfigurationCheck.class)
			.run((context) -> assertThat(context).hasNotFailed());
	}

}
