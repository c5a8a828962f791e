package io.sotto.config;

public record CompanyConfig(
        RecordDefaults record,
        ControlMode control,
        DtmfConfig dtmf,
        TransferMode transfer,
        Visibility visibility,
        PlayRight play,
        boolean download) {
}
