package dev.tollgate.admin;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when {@code tollgate.admin.token} or {@code tollgate.admin.token-file} is set (not empty): the same test as
 * {@link AdminToken#resolve}, so the {@code apikeys} endpoint exists exactly when a token can open it.
 */
final class AdminTokenConfigured extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Environment env = context.getEnvironment();
		boolean configured = StringUtils.hasLength(env.getProperty("tollgate.admin.token"))
				|| StringUtils.hasText(env.getProperty("tollgate.admin.token-file"));
		return configured ? ConditionOutcome.match("an admin token is configured")
				: ConditionOutcome.noMatch("neither tollgate.admin.token nor tollgate.admin.token-file is set");
	}

}
