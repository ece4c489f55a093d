package dev.tollgate.apikeys;

/** Told of every decision, e.g. to count it in metrics; must be fast and never throw. */
@FunctionalInterface
public interface DecisionListener {

	DecisionListener NONE = (decision, routeId) -> {
	};

	void onDecision(Decision decision, String routeId);

}
