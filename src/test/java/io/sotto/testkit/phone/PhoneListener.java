package io.sotto.testkit.phone;

import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;

/**
 * The phone's only JAIN-SIP listener: hands each event to the phone, and keeps any failure from
 * reaching the stack's thread by recording it in {@link TestPhone#errors()}.
 */
final class PhoneListener implements SipListener {
    private final TestPhone phone;

    PhoneListener(TestPhone phone) {
        this.phone = phone;
    }

    @Override
    public void processRequest(RequestEvent event) {
        try {
            phone.onRequest(event);
        } catch (RuntimeException e) {
            phone.failed("handling " + event.getRequest().getMethod(), e);
        }
    }

    @Override
    public void processResponse(ResponseEvent event) {
        try {
            phone.onResponse(event);
        } catch (RuntimeException e) {
            phone.failed("handling response " + event.getResponse().getStatusCode(), e);
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        try {
            phone.onTimeout(event);
        } catch (RuntimeException e) {
            phone.failed("handling a transaction timeout", e);
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        phone.failed("transport error", new java.io.IOException(
                "I/O error towards " + event.getHost() + ":" + event.getPort() + "/" + event.getTransport()));
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        try {
            phone.onTransactionTerminated(event);
        } catch (RuntimeException e) {
            phone.failed("handling a terminated transaction", e);
        }
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        // Call state follows BYE, CANCEL and final responses; the stack's dialog reaping adds nothing.
    }
}
