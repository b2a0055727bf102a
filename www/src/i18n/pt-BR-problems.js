// Português do Brasil: os problemas da biblioteca e os erros do servidor. The same keys as
// en-problems.js.
import { count } from "../format.js";

const months = (n) => (n === 1 ? "1 mês" : `${count(n)} meses`);
const seatsRange = () => `entre 1 e ${count(10000)} licenças`;

export default {
  or: "ou",
  "problem.generic": "Algo neste pedido precisa de atenção.",
  "problem.PACKAGE_NOT_AN_UPGRADE": ({ name, credits, end }) =>
    `Você já tem o ${name} (${count(credits)} créditos por mês) até ${end}. Um pacote só pode ser trocado por um maior; para comprar um pacote menor, deixe o atual terminar primeiro.`,
  "problem.ALREADY_RENEWED": "A assinatura já está renovada para o próximo período.",
  "problem.NO_SAVED_PAYMENT": "A renovação automática precisa de um pagamento salvo: pague antes um pedido com uma ação de assinatura.",
  "problem.NOT_ADMIN": "Só um administrador da conta pode comprar créditos de IA. Peça a um administrador desta conta que faça a compra.",
  "problem.NO_ACTIVE_SUBSCRIPTION":
    "Esta conta não tem assinatura ativa. Inclua uma nova assinatura neste pedido para comprar créditos de IA.",
  "problem.SUBSCRIPTION_ALREADY_ACTIVE": "Esta conta já tem uma assinatura ativa, então não é possível incluir outra.",
  "problem.EMPTY_ORDER": "Seu pedido está vazio. Escolha um pacote de créditos ou uma mudança na assinatura.",
  "problem.UNKNOWN_PACKAGE": "Este pacote de créditos não está disponível. Escolha outro pacote.",
  "problem.UNKNOWN_PLAN": "Este plano não está disponível. Escolha outro plano.",
  "problem.CUSTOM_CREDITS_TOO_LOW": ({ name, min }) => `${name} começa em ${count(min)} créditos por mês.`,
  "problem.CUSTOM_CREDITS_TOO_HIGH": ({ name, max }) => `${name} vai até ${count(max)} créditos por mês.`,
  "problem.CUSTOM_CREDITS_NOT_A_STEP": ({ choices, step }) =>
    `Escolha ${choices} créditos por mês.${step ? ` Ele cresce em degraus de ${count(step)} créditos.` : ""}`,
  "problem.PACKAGE_TERM_TOO_SHORT": ({ min }) => `Um pacote de créditos dura pelo menos ${months(min)}.`,
  "problem.PACKAGE_TERM_TOO_SHORT.renew": ({ min }) =>
    `Um pacote de créditos dura pelo menos ${months(min)}, e sua assinatura termina antes disso. Renove a assinatura por mais um período para comprar um pacote.`,
  "problem.PACKAGE_TERM_EXCEEDS_SUBSCRIPTION": ({ max }) =>
    `O pacote precisa terminar até o fim do período da assinatura: escolha ${months(max)} ou menos.`,
  "problem.PACKAGE_TERM_EXCEEDS_SUBSCRIPTION.renew": ({ left, min }) =>
    `Sua assinatura termina cedo demais: ${left === 1 ? "resta só 1 ciclo de créditos" : `restam só ${count(left)} ciclos de créditos`} neste período de cobrança${min ? `, e um pacote dura pelo menos ${months(min)}` : ""}. Renove a assinatura por mais um período para comprar um pacote.`,
  "problem.INSTALLMENTS_NOT_AVAILABLE.method": ({ methods }) =>
    `O parcelamento só está disponível pagando com ${methods || "outra forma de pagamento"}. Escolha à vista ou mude a forma de pagamento.`,
  "problem.INSTALLMENTS_NOT_AVAILABLE": ({ countries }) => `O parcelamento só está disponível para contas de ${countries}.`,
  "problem.INSTALLMENTS_TOO_MANY": ({ max }) => `Você pode pagar em no máximo ${count(max)} parcelas.`,
  "problem.UNKNOWN_PAYMENT_METHOD": ({ methods }) => `Escolha uma forma de pagamento: ${methods}.`,
  "problem.PLAN_NOT_AN_UPGRADE": "Escolha um plano que custe mais por licença que o seu plano atual.",
  "problem.AMOUNT_OVERFLOW": "Este pedido é grande demais para ser processado. Diminua as quantidades.",
  "problem.INVALID_CATALOG": "Não foi possível ler a tabela de preços. Tente de novo mais tarde.",
  "problem.field.subscription.addSeats": () => `Adicione ${seatsRange()}.`,
  "problem.field.newSubscription.seats": () => `Escolha ${seatsRange()}.`,
  "problem.field.newSubscription.termMonths": ({ terms }) =>
    terms ? `Escolha uma duração de ${terms} meses.` : "Escolha a duração da assinatura.",
  "problem.field.invoice.companyName": "Informe a razão social para a nota fiscal (até 200 caracteres).",
  "problem.field.invoice.country": "Escolha o país da empresa.",
  "problem.field.invoice.address": "Encurte o endereço da empresa para 500 caracteres ou menos.",
  "problem.field.payment.installments": "Escolha em quantas parcelas pagar.",
  "problem.INVALID_TAX_ID": "Encurte a identificação fiscal para 40 caracteres ou menos, sem quebras de linha nem caracteres invisíveis.",
  "problem.TAX_ID_WITHOUT_INVOICE": "A identificação fiscal vai na nota fiscal: marque “Preciso de nota fiscal” ou apague a identificação.",
  "problem.field.creditPackage.creditsPerMonth": "Este pacote tem um número fixo de créditos por mês.",
  "problem.wholeSeats": () => `Digite um número inteiro de licenças, ${seatsRange()}.`,
  "problem.invalidValue": "Confira este valor.",

  "error.FINGERPRINT_MISMATCH": ({ server, client }) =>
    `O preço mudou durante a compra: o total agora é ${server} em vez de ${client}. O resumo foi atualizado: confira e pague de novo.`,
  "error.INVALID_ORDER": ({ list }) => `O pedido não foi aceito. ${list}`,
  "error.NETWORK": "Não foi possível falar com o servidor. Confira sua conexão.",
  "error.TIMEOUT": "O servidor não respondeu a tempo.",
  "error.ORDER_IN_PROGRESS": ({ number }) =>
    `O pedido ${number} desta conta ainda aguarda a confirmação do pagamento. Cancele esse pagamento para fazer este pedido; sem confirmação, ele é cancelado após 15 minutos.`,
  "error.400": "O servidor não conseguiu ler este pedido. Recarregue a página e tente de novo.",
  "error.404": "Esta conta ou este pedido não foi encontrado. Recarregue a página e tente de novo.",
  "error.413": "Este pedido é grande demais para ser enviado. Encurte os dados da nota fiscal e tente de novo.",
  "error.415": "O pedido não foi enviado num formato que o servidor aceita. Recarregue a página e tente de novo.",
  "error.409": "Este pedido entra em conflito com um anterior. Confira e tente de novo.",
  "error.422": "Esta tentativa de pagamento não corresponde mais ao pedido. Confira o pedido e pague de novo.",
  "error.500": "O servidor teve um problema e o pedido não foi feito. Tente de novo daqui a pouco.",
  "error.other": "Não foi possível fazer o pedido. Tente de novo.",
  "load.NETWORK": "Não foi possível falar com o servidor. Confira sua conexão e tente de novo.",
  "load.INVALID_CATALOG": "Não foi possível ler a tabela de preços. Tente de novo mais tarde.",
  "load.other": "Não foi possível carregar a página de cobrança. Tente de novo.",
  "load.noAccounts": "Não há nenhuma conta para mostrar.",
};
