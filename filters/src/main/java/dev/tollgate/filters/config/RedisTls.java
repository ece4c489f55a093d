package dev.tollgate.filters.config;

import io.lettuce.core.SslOptions;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * Trust (and client key) material for {@code rediss://} from a Spring Boot SSL bundle, so a private CA or a
 * self-signed Redis certificate is configured the way Spring configures every other TLS client.
 */
public final class RedisTls {

	private static final String PROPERTY = "tollgate.redis.ssl-bundle";

	private RedisTls() {
	}

	/** Lettuce's TLS options for the named bundle, or {@code null} (the JDK's CAs) when none is named. */
	public static SslOptions from(String bundleName, ObjectProvider<SslBundles> bundles) {
		if (bundleName == null || bundleName.isBlank()) {
			return null;
		}
		SslBundles available = bundles.getIfAvailable();
		if (available == null) {
			throw new InvalidConfigurationException(PROPERTY,
					"no SSL bundles are configured (spring.ssl.bundle.*)");
		}
		SslBundle bundle;
		try {
			bundle = available.getBundle(bundleName);
		}
		catch (NoSuchSslBundleException ex) {
			throw new InvalidConfigurationException(PROPERTY, "no SSL bundle named '" + bundleName + "'");
		}
		SslOptions.Builder tls = SslOptions.builder().jdkSslProvider()
			.trustManager(bundle.getManagers().getTrustManagerFactory());
		if (bundle.getStores().getKeyStore() != null) {
			tls.keyManager(bundle.getManagers().getKeyManagerFactory());
		}
		return tls.build();
	}

}
