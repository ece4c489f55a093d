package dev.tollgate.app.admin;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import dev.tollgate.apikeys.lifecycle.ApiKeyLifecycle;
import dev.tollgate.apikeys.store.ApiKeyStore;
import dev.tollgate.apikeys.usage.UsageStore;
import dev.tollgate.filters.authn.apikey.ApiKeyProperties;

/**
 * The {@code apikeys} actuator endpoint, present only when an admin token is configured (it must also be listed in
 * {@code management.endpoints.web.exposure.include}); {@link ManagementSecurityConfiguration} guards it.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(AdminTokenConfigured.class)
public class AdminConfiguration {

	@Bean
	public ApiKeysEndpoint tollgateApiKeysEndpoint(ApiKeyLifecycle lifecycle, ApiKeyStore store, UsageStore usage,
			ApiKeyProperties apiKeys, AdminAudit audit, ObjectProvider<Clock> clock) {
		Clock time = clock.getIfAvailable(Clock::systemUTC);
		return new ApiKeysEndpoint(new ApiKeyAdmin(lifecycle, store, usage, time), audit, time,
				apiKeys.getReportDays());
	}

}
