package org.pujiang.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pujiang.petition.PetitionCaseProcess.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pujiang.petition.InvalidInputException;
import org.pujiang.AtOnce;
import org.pujiang.CaseDesk;
import org.pujiang.PujiangTest;
import org.pujiang.notice.NoticeRepository;
import org.pujiang.petition.PetitionCase;
import org.pujiang.petition.PetitionCaseRepository;
import org.pujiang.petition.Petitioner;
import org.pujiang.petition.PetitionerRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.transaction.support.TransactionTemplate;

/** Registration refuses bad input whole, keeps personal data off the engine, and commits with the process. */
@PujiangTest
class RegistrationTests {

	@Autowired
	ProcessEngine engine;

	@Autowired
	PetitionCaseRepository cases;

	@Autowired
	PetitionerRepository petitioners;

	@Autowired
	NoticeRepository notices;

	@Autowired
	TransactionTemplate transactions;

	CaseDesk desk;

	@BeforeEach
	void setUp() {
		this.desk = new CaseDesk(this.engine);
	}

	@ParameterizedTest(name = "{0} = \"{1}\" is refused")
	@CsvSource(delimiter = '|', textBlock = """
			residentId    | 110105194912310021 | 身份证号码无效
			residentId    | 12345              | 身份证号码无效
			phone         | 12345              | 应为11位手机号码
			phone         | 2391234567a        | 应为11位手机号码
			category      | ALIENS             | 分流决策表中没有这个信访类别
			personsCount  | 0                  | 至少1人
			summary       | ''                 | 必填
			request       | '   '              | 必填
			channel       | PIGEON             | 应为
			email         | not-an-address     | 电子邮箱格式不正确
			petitionerName| ''                 | 必填
			""")
	void shouldRefuseBadInputNamingTheFieldAndStoreNothing(String field, String value, String message) {
		Map<String, Object> form = CaseDesk.petition("LABOUR_WAGES", 1);
		form.put(field, field.equals(PERSONS_COUNT) ? (Object) Long.valueOf(value) : value);
		assertNothingStored(() -> assertThatThrownBy(() -> this.desk.register(form))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining(field + ": ")
			.hasMessageContaining(message)
			.satisfies((ex) -> assertThat(((InvalidInputException) ex).getFieldErrors()).containsKey(field)));
	}

	@Test
	void shouldNameEveryFieldAtFaultAtOnce() {
		Map<String, Object> form = CaseDesk.petition("LABOUR_WAGES", 1);
		form.put(RESIDENT_ID, "123");
		form.put(PHONE, "123");
		form.remove(SUMMARY);
		assertThatThrownBy(() -> this.desk.register(form)).isInstanceOfSatisfying(InvalidInputException.class,
				(ex) -> assertThat(ex.getFieldErrors()).containsOnlyKeys(RESIDENT_ID, PHONE, SUMMARY));
	}

	/** Refusals are answered, not errors of the application: nothing at ERROR in the log (ENGINE-16004). */
	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void shouldNotLogARefusalAsAnError(CapturedOutput output) {
		Map<String, Object> form = CaseDesk.petition("LABOUR_WAGES", 1);
		form.put(PHONE, "12345");
		assertThatThrownBy(() -> this.desk.register(form)).isInstanceOf(InvalidInputException.class);
		assertThat(output.getAll()).doesNotContain("ENGINE-16004").doesNotContain("应为11位手机号码");
	}

	@Test
	void shouldRefuseAPersonsCountThatIsNotAWholeNumber() {
		Map<String, Object> form = CaseDesk.petition("LABOUR_WAGES", 1);
		form.put(PERSONS_COUNT, 2.5d);
		assertNothingStored(() -> assertThatThrownBy(() -> this.desk.register(form))
			.hasMessageContaining(PERSONS_COUNT + ": "));
	}

	@Test
	void shouldKeepThePetitionersPersonalDataOutOfProcessVariablesAndHistory() {
		Map<String, Object> form = CaseDesk.petition("LABOUR_WAGES", 1);
		form.put(EMAIL, "citizen@example.org");
		ProcessInstance instance = this.desk.register(form);

		assertThat(this.engine.getRuntimeService().getVariables(instance.getId())).doesNotContainKeys(PETITIONER_NAME,
				RESIDENT_ID, PHONE, EMAIL);
		assertThat(this.engine.getHistoryService()
			.createHistoricVariableInstanceQuery()
			.processInstanceId(instance.getId())
			.variableNameIn(PETITIONER_NAME, RESIDENT_ID, PHONE, EMAIL)
			.count()).isZero();
		assertThat(this.engine.getHistoryService().createHistoricDetailQuery().processInstanceId(instance.getId()).list())
			.extracting((detail) -> ((org.camunda.bpm.engine.history.HistoricVariableUpdate) detail).getVariableName())
			.doesNotContain(PETITIONER_NAME, RESIDENT_ID, PHONE, EMAIL)
			.contains(CASE_ID, SUMMARY);
		assertThat(this.petitioners.findByResidentId((String) form.get(RESIDENT_ID))).hasValueSatisfying((p) -> {
			assertThat(p.getPhone()).isEqualTo(form.get(PHONE));
			assertThat(p.getEmail()).isEqualTo("citizen@example.org");
		});
	}

	@Test
	void shouldRollBackTheCaseItsNoticeAndTheProcessTogether() {
		Map<String, Object> form = CaseDesk.petition("LABOUR_WAGES", 1);
		assertNothingStored(() -> this.transactions.executeWithoutResult((status) -> {
			this.desk.register(form);
			assertThat(this.petitioners.findByResidentId((String) form.get(RESIDENT_ID))).isPresent();
			status.setRollbackOnly();
		}));
	}

	/**
	 * Registrars at several desks (Tasklist's start form, which starts the process) register the same person, new to
	 * the database, with the same petition at once: every registration goes through, and it is one case.
	 */
	@Test
	void shouldOpenOneCaseWhenSeveralDesksRegisterTheSameNewPetitionerAtOnce() throws Exception {
		Map<String, Object> form = CaseDesk.petition("LABOUR_WAGES", 1);
		String residentId = (String) form.get(RESIDENT_ID);
		int desks = 8;

		List<String> instances = AtOnce.run(4, desks, (i) -> this.desk.register(new HashMap<>(form)).getId());

		assertThat(instances).hasSize(desks).doesNotContainNull();
		Petitioner petitioner = this.petitioners.findByResidentId(residentId).orElseThrow();
		List<PetitionCase> opened = this.cases.findAll()
			.stream()
			.filter((c) -> c.getPetitioner().getId().equals(petitioner.getId()))
			.toList();
		assertThat(opened).hasSize(1);
		assertThat(opened.get(0).getRepeatCount()).isEqualTo(desks - 1);
	}

	private void assertNothingStored(Runnable action) {
		long petitioners = this.petitioners.count();
		long cases = this.cases.count();
		long notices = this.notices.count();
		long instances = this.engine.getHistoryService().createHistoricProcessInstanceQuery().count();
		action.run();
		assertThat(this.petitioners.count()).isEqualTo(petitioners);
		assertThat(this.cases.count()).isEqualTo(cases);
		assertThat(this.notices.count()).isEqualTo(notices);
		assertThat(this.engine.getHistoryService().createHistoricProcessInstanceQuery().count()).isEqualTo(instances);
	}

}
