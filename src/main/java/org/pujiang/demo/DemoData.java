package org.pujiang.demo;

import static org.pujiang.petition.PetitionCaseProcess.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.pujiang.Roles;
import org.pujiang.petition.PetitionCaseRepository;
import org.pujiang.registration.ResidentIdValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo profile: a handful of cases standing at different steps, each moved there
 * through the engine by the role that owns the step; {@code pujiang.demo.cases=false} leaves them out (the demo users
 * stay).
 */
@Component
@Profile("demo")
@ConditionalOnProperty(name = "pujiang.demo.cases", havingValue = "true", matchIfMissing = true)
@Order(2)
class DemoData implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoData.class);

	private final PetitionCaseRepository cases;

	private final Desk desk;

	DemoData(PetitionCaseRepository cases, Desk desk) {
		this.cases = cases;
		this.desk = desk;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.cases.count() == 0) {
			createCases();
			log.info("Demo cases created: {}", this.cases.count());
		}
	}

	private void createCases() {
		// Waits for the lawyer: land requisition always has one.
		register("王建国", "330726196505120011", 3, "LAND_REQUISITION", "PRE_REGISTRATION",
				"村里2002年征地补偿款至今未足额发放", "要求按标准补足征地补偿款");

		// Waits for the receiving leader.
		register("李秀英", "330726197803150022", 1, "LABOUR_WAGES", "WALK_IN", "在某鞋厂工作半年，工资被拖欠", "要求结清拖欠工资");

		// Assigned to the transport bureau: a collective visit, received with a lawyer.
		String road = register("张卫东", "330726197011080033", 8, "ROADS_TRANSPORT", "PRE_REGISTRATION",
				"村口至镇上的道路年久失修，雨天无法通行", "要求修建通村公路");
		complete(road, GIVE_LEGAL_OPINION, Roles.LAWYER, Map.of(LEGAL_OPINION, "修路属于政府公共服务事项，可纳入年度交通建设计划。"));
		complete(road, RECEIVE_PETITIONER, Roles.LEADER,
				Map.of(RECEPTION_NOTES, "群众反映道路问题，领导答复交交通部门拿出方案。", OUTCOME, "ASSIGNED", ASSIGNED_UNITS,
						List.of("unit-transport"), RESPONSIBLE_PERSON, "交通运输局局长"));

		// Solved on the spot: waits for the return visit.
		String pension = register("赵桂兰", "330726195209090044", 1, "SOCIAL_SECURITY", "WALK_IN", "养老金发放停了两个月",
				"要求恢复养老金发放");
		complete(pension, RECEIVE_PETITIONER, Roles.LEADER, Map.of(RECEPTION_NOTES, "核实为资格认证未完成导致停发。", OUTCOME,
				"SOLVED_ON_THE_SPOT", DECISION, "当场为其补办资格认证，本月起恢复发放并补发两个月。"));

		// Definitive answer being drafted.
		String allowance = register("刘志强", "330726198202020055", 2, "CIVIL_AFFAIRS", "LETTER", "申请低保被拒",
				"要求享受最低生活保障");
		complete(allowance, RECEIVE_PETITIONER, Roles.LEADER,
				Map.of(RECEPTION_NOTES, "家庭收入超过低保标准。", OUTCOME, "DEFINITIVE_ANSWER"));

		// Closed: assigned to two units, reported, verified, visited back.
		String river = register("陈美华", "330726197512250066", 4, "ENVIRONMENT", "ONLINE", "上游工厂排污导致河水发黑",
				"要求关停排污企业、治理河道");
		complete(river, RECEIVE_PETITIONER, Roles.LEADER, Map.of(RECEPTION_NOTES, "群众反映排污问题。", OUTCOME, "ASSIGNED",
				ASSIGNED_UNITS, List.of("unit-environment", "unit-water"), RESPONSIBLE_PERSON, "生态环境分局局长"));
		for (String unit : List.of("unit-environment", "unit-water")) {
			complete(river, HANDLE_CASE, unit, Map.of(HANDLING_ACTION, "REPORT", HANDLING_REPORT, "已责令企业停产整改并清理河道。"));
			complete(river, VERIFY_REPORT, Roles.REGISTRAR, Map.of(VERIFICATION, "ACCEPTED"));
		}
		complete(river, RETURN_VISIT, Roles.RETURN_VISIT,
				Map.of(RETURN_VISIT_METHOD, "PHONE", SATISFACTION, "SATISFIED", RETURN_VISIT_COMMENT, "河水已变清，满意。"));
	}

	private String register(String name, String residentIdStart, int persons, String category, String channel,
			String summary, String request) {
		String first17 = residentIdStart.substring(0, 17);
		Map<String, Object> form = new HashMap<>();
		form.put(PETITIONER_NAME, name);
		form.put(RESIDENT_ID, first17 + ResidentIdValidator.checkCharacter(first17));
		form.put(PHONE, "139" + residentIdStart.substring(10, 18));
		form.put(PERSONS_COUNT, persons);
		form.put(CATEGORY, category);
		form.put(CHANNEL, channel);
		form.put(SUMMARY, summary);
		form.put(REQUEST, request);
		return this.desk.register(Roles.REGISTRAR, form).getId();
	}

	private void complete(String processInstanceId, String taskKey, String user, Map<String, Object> variables) {
		this.desk.complete(processInstanceId, taskKey, user.startsWith("unit-") ? user : candidateGroup(taskKey), user,
				variables);
	}

	private static String candidateGroup(String taskKey) {
		return switch (taskKey) {
			case GIVE_LEGAL_OPINION -> Roles.LAWYER;
			case RECEIVE_PETITIONER -> Roles.LEADER;
			case VERIFY_REPORT -> Roles.REGISTRAR;
			case RETURN_VISIT -> Roles.RETURN_VISIT;
			default -> throw new IllegalArgumentException(taskKey);
		};
	}

}
