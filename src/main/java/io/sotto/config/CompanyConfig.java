package io.sotto.config;

/**
 * @param maxPauseSeconds how long a recording may stay paused before it resumes by itself, or null
 *                        for no limit ({@code company.max_pause})
 */
public record CompanyConfig(
        RecordDefaults record,
        ControlMode control,
        DtmfConfig dtmf,
        TransferMode transfer,
        Visibility visibility,
        PlayRight play,
        boolean download,
        Integer maxPauseSeconds) {
    public static final int MAX_MAX_PAUSE_SECONDS = 86_400;
}
