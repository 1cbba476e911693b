package org.pujiang.routing;

import static org.pujiang.petition.PetitionCaseProcess.*;

import java.util.List;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.pujiang.audit.CaseEvents;
import org.pujiang.petition.PetitionCase;
import org.pujiang.petition.PetitionCaseRepository;
import org.pujiang.receptionday.ReceptionDays;
import org.pujiang.routing.CaseRouting.Route;
import org.pujiang.petition.ProcessVariables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The routing step of PetitionCase.bpmn. */
@Configuration(proxyBeanMethods = false)
class RoutingSteps {

	/**
	 * Task_RouteCase: the CaseRouting table gives room, candidate units and the lawyer flag; the candidate units
	 * become the choices of the leader's assignment form.
	 */
	@Bean
	JavaDelegate routeCase(CaseRouting routing, PetitionCaseRepository cases, ReceptionDays receptionDays,
			CaseEvents events) {
		return (execution) -> {
			PetitionCase petitionCase = cases.require((Long) execution.getVariable(CASE_ID));
			Route route = routing.route(petitionCase.getCategory(), petitionCase.getPersonsCount())
				.orElseThrow(() -> new IllegalStateException(
						"CaseRouting has no rule for category " + petitionCase.getCategory()));
			// Never route a case to the unit it accuses (信访工作条例, art. 46).
			List<String> candidates = route.units()
				.stream()
				.filter((unit) -> !unit.equals(petitionCase.getAccusedUnit()))
				.toList();
			petitionCase.routed(route.room(), candidates, route.lawyerRequired());
			boolean waitForDay = false;
			if (petitionCase.getReceptionDayId() != null) {
				waitForDay = receptionDays.seat(petitionCase, route.room());
				ProcessVariables.set(execution, RECEPTION_DAY_ID, petitionCase.getReceptionDayId());
			}
			ProcessVariables.set(execution, WAIT_FOR_DAY, waitForDay);
			events.record(petitionCase.getId(), "ROUTED", null, "room", petitionCase.getRoom(), "queueNumber",
					petitionCase.getQueueNumber(), "unitCandidates", candidates, "lawyerRequired", route.lawyerRequired());
			ProcessVariables.set(execution, CATEGORY, petitionCase.getCategory());
			ProcessVariables.set(execution, LAWYER_REQUIRED, route.lawyerRequired());
		};
	}

	/** Task_FallBackToOrdinary: the case's reception day was cancelled; it is received in ordinary reception. */
	@Bean
	JavaDelegate fallBackToOrdinary(PetitionCaseRepository cases, CaseRouting routing, CaseEvents events) {
		return (execution) -> {
			PetitionCase petitionCase = cases.require((Long) execution.getVariable(CASE_ID));
			routing.route(petitionCase.getCategory(), petitionCase.getPersonsCount()).ifPresent((route) -> {
				petitionCase.leftReceptionDay(route.room());
				events.record(petitionCase.getId(), "LEFT_RECEPTION_DAY", null, "room", route.room());
			});
		};
	}

}
