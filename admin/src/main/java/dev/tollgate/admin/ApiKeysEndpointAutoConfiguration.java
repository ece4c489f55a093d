package dev.tollgate.admin;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

import dev.tollgate.apikeys.lifecycle.ApiKeyLifecycle;
import dev.tollgate.apikeys.store.ApiKeyStore;
import dev.tollgate.apikeys.usage.UsageStore;
import dev.tollgate.filters.autoconfigure.ApiKeyAutoConfiguration;
import dev.tollgate.filters.authn.apikey.ApiKeyProperties;

/**
 * The {@code apikeys} actuator endpoint, present only when an admin token is configured (it must also be listed in
 * {@code management.endpoints.web.exposure.include}); {@link ManagementSecurityAutoConfiguration} guards it.
 */
@AutoConfiguration(after = { ApiKeyAutoConfiguration.class, ManagementSecurityAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@Conditional(AdminTokenConfigured.class)
public class ApiKeysEndpointAutoConfiguration {

	@Bean
	public ApiKeysEndpoint tollgateApiKeysEndpoint(ApiKeyLifecycle lifecycle, ApiKeyStore store, UsageStore usage,
			ApiKeyProperties apiKeys, AdminAudit audit, ObjectProvider<Clock> clock) {
		Clock time = clock.getIfAvailable(Clock::systemUTC);
		return new ApiKeysEndpoint(new ApiKeyAdmin(lifecycle, store, usage, time), audit, time,
				apiKeys.reportDays());
	}

}
