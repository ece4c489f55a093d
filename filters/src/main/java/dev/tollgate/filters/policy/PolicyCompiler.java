package dev.tollgate.filters.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

/**
 * Compiles and type-checks policies against the {@link PolicyVariables typed context}, with the cost limits of
 * {@code tollgate.policy.*}: expression length and node count at compile time, comprehension iterations at
 * evaluation time. An expression must be of type {@code bool}. Thread-safe; built once.
 */
public final class PolicyCompiler {

	private final CelCompiler compiler;

	private final CelRuntime runtime;

	private final Map<String, Object> env;

	private final int maxLength;

	public PolicyCompiler(PolicyProperties.Settings settings) {
		this(settings, Map.of());
	}

	/** @param extra variables declared besides the {@link PolicyVariables typed context} (a tool's, say) */
	PolicyCompiler(PolicyProperties.Settings settings, Map<String, CelType> extra) {
		CelOptions options = CelOptions.current()
			.enableHeterogeneousNumericComparisons(true)
			.maxExpressionCodePointSize(settings.maxExpressionLength())
			.maxParseExpressionNodeCount(settings.maxExpressionNodes())
			.comprehensionMaxIterations(settings.maxIterations())
			.build();
		CelCompilerBuilder builder = CelCompilerFactory.standardCelCompilerBuilder()
			.setOptions(options)
			.setStandardMacros(CelStandardMacro.STANDARD_MACROS)
			.setResultType(SimpleType.BOOL);
		for (Map.Entry<String, CelType> variable : PolicyVariables.declarations(settings).entrySet()) {
			builder.addVar(variable.getKey(), variable.getValue());
		}
		for (Map.Entry<String, CelType> variable : extra.entrySet()) {
			builder.addVar(variable.getKey(), variable.getValue());
		}
		this.compiler = builder.build();
		this.runtime = CelRuntimeFactory.plannerRuntimeBuilder().setOptions(options).build();
		this.env = PolicyVariables.envValues(settings);
		this.maxLength = settings.maxExpressionLength();
	}

	/**
	 * @param name the policy's name in metrics, logs and answers
	 * @throws PolicyCompileException naming each issue's line and column (1-based)
	 */
	public CompiledPolicy compile(String name, PolicyMode mode, String expression) {
		if (expression == null || expression.isBlank()) {
			throw new PolicyCompileException(List.of("the expression is empty"));
		}
		if (expression.codePointCount(0, expression.length()) > this.maxLength) {
			throw new PolicyCompileException(List.of("the expression is longer than tollgate.policy."
					+ "max-expression-length (" + this.maxLength + " code points)"));
		}
		CelValidationResult result = this.compiler.compile(expression);
		if (result.hasError()) {
			List<String> issues = new ArrayList<>();
			for (CelIssue issue : result.getErrors()) {
				String message = issue.getMessage().replace(" (in container '')", "");
				issues.add("line " + issue.getSourceLocation().getLine() + ", column "
						+ (issue.getSourceLocation().getColumn() + 1) + ": " + message);
			}
			throw new PolicyCompileException(issues);
		}
		try {
			CelAbstractSyntaxTree ast = result.getAst();
			return new CompiledPolicy(name, mode, this.runtime.createProgram(ast), ClaimReferences.of(expression));
		}
		catch (Exception ex) {
			throw new PolicyCompileException(List.of(String.valueOf(ex.getMessage())));
		}
	}

	/** The operator's {@code env} attributes by full name ({@code env.<name>}), for evaluation contexts. */
	public Map<String, Object> env() {
		return this.env;
	}

}
