package dev.tollgate.devauth;

import java.util.Collections;

import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;

import static org.assertj.core.api.Assertions.assertThat;

class DevAuthorizationServerIsolationTests {

	@Test
	void componentScanWhenHostScansAllOfTollgateThenFindsNothingOfTheDevServer() {
		// A host (the gateway) scanning dev.tollgate must not pick up the dev server's servlet configuration.
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(true);
		assertThat(scanner.findCandidateComponents("dev.tollgate.devauth")).isEmpty();
	}

	@Test
	void autoConfigurationWhenHostEnablesItThenNoDevServerEntries() throws Exception {
		// Whatever registers Boot auto-configurations on the classpath, none of it comes from this module.
		assertThat(Collections.list(getClass().getClassLoader()
			.getResources("META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")))
			.noneMatch(url -> url.toString().contains("dev-authorization-server"));
	}

}
