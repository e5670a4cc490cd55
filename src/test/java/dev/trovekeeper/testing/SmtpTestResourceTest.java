package dev.trovekeeper.testing;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SmtpTestResourceTest {

  private final SmtpTestResource smtp = new SmtpTestResource();
  private Map<String, String> config;

  @BeforeEach
  void start() {
    config = smtp.start();
  }

  @AfterEach
  void stop() {
    smtp.stop();
  }

  @Test
  void receivesAMailSentOverSmtp() throws Exception {
    assertThat(config)
        .containsEntry("quarkus.mailer.host", "127.0.0.1")
        .containsEntry("quarkus.mailer.mock", "false")
        .containsKeys("quarkus.mailer.port", "quarkus.mailer.from");
    Properties props = new Properties();
    props.put("mail.smtp.host", config.get("quarkus.mailer.host"));
    props.put("mail.smtp.port", config.get("quarkus.mailer.port"));
    MimeMessage message = new MimeMessage(Session.getInstance(props));
    message.setFrom(new InternetAddress(config.get("quarkus.mailer.from")));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress("owner@tenant.test"));
    message.setSubject("Confirm deletion of 2 backups");
    message.setText("https://keeper.test/confirm?token=abc");
    Transport.send(message);

    assertThat(SmtpTestResource.greenMail().waitForIncomingEmail(5000, 1)).isTrue();
    MimeMessage received = SmtpTestResource.greenMail().getReceivedMessages()[0];
    assertThat(received.getSubject()).isEqualTo("Confirm deletion of 2 backups");
    assertThat(received.getAllRecipients()[0].toString()).isEqualTo("owner@tenant.test");
    assertThat(((String) received.getContent()).trim())
        .isEqualTo("https://keeper.test/confirm?token=abc");
  }
}
