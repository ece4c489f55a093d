package dev.tollgate.routes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

/**
 * The names a route may refer to (issuers, STS profiles, rate-limit policies), read straight from the environment
 * so route validation does not depend on how each stage binds its own settings.
 *
 * @param issuers issuer name to issuer URI
 * @param stsProfiles names under {@code tollgate.sts}
 * @param rateLimitPolicies names under {@code tollgate.rate-limit.policies}
 */
public record ReferenceCatalog(Map<String, String> issuers, Set<String> stsProfiles, Set<String> rateLimitPolicies) {

	public ReferenceCatalog {
		issuers = Map.copyOf(issuers);
		stsProfiles = Set.copyOf(stsProfiles);
		rateLimitPolicies = Set.copyOf(rateLimitPolicies);
	}

	public static ReferenceCatalog from(Environment environment) {
		Binder binder = Binder.get(environment);
		Map<String, String> issuers = new LinkedHashMap<>();
		for (IssuerRef ref : binder.bind("tollgate.issuers", Bindable.listOf(IssuerRef.class)).orElse(List.of())) {
			if (ref.getName() != null) {
				issuers.put(ref.getName(), ref.getIssuerUri());
			}
		}
		Set<String> sts = childKeys(environment, ConfigurationPropertyName.of("tollgate.sts"));
		Set<String> policies = childKeys(environment, ConfigurationPropertyName.of("tollgate.rate-limit.policies"));
		return new ReferenceCatalog(issuers, sts, policies);
	}

	/** Binding target for an issuer's name and URI; other issuer properties are ignored here. */
	public static class IssuerRef {

		private String name;

		private String issuerUri;

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public String getIssuerUri() {
			return this.issuerUri;
		}

		public void setIssuerUri(String issuerUri) {
			this.issuerUri = issuerUri;
		}

	}

	/** The names directly below {@code parent} in any property source, e.g. the profile names of a map. */
	private static Set<String> childKeys(Environment environment, ConfigurationPropertyName parent) {
		Set<String> keys = new TreeSet<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source instanceof IterableConfigurationPropertySource iterable) {
				iterable.stream()
					.filter(parent::isAncestorOf)
					.forEach(name -> keys.add(name.getElement(parent.getNumberOfElements(),
							ConfigurationPropertyName.Form.ORIGINAL)));
			}
		}
		return keys;
	}

}
