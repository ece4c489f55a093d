package dev.tollgate.perf.load.baseline;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;

/**
 * Starts a baseline gateway from the harness's classpath, which also holds Tollgate's modules (for the JMH
 * benchmarks) and a servlet stack (for the authorization server). A baseline must be plain Spring: every
 * auto-configuration in the excluded packages is switched off by name, found on the classpath rather than listed by
 * hand, so Tollgate modules added later cannot leak into a baseline.
 */
final class BaselineLauncher {

	private BaselineLauncher() {
	}

	static void run(Class<?> application, List<String> excludedPackages, String[] args) {
		SpringApplication app = new SpringApplication(application);
		app.setWebApplicationType(WebApplicationType.REACTIVE);
		app.setDefaultProperties(java.util.Map.of("spring.autoconfigure.exclude",
				excludedAutoConfigurations(application.getClassLoader(), excludedPackages)));
		app.run(args);
	}

	static String excludedAutoConfigurations(ClassLoader classLoader, List<String> packages) {
		return ImportCandidates.load(AutoConfiguration.class, classLoader)
			.getCandidates()
			.stream()
			.filter(name -> packages.stream().anyMatch(name::startsWith))
			.collect(Collectors.joining(","));
	}

}
