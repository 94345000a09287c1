using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Ui;
using LatentPlayground.Hardware.Knobs;

namespace LatentPlayground.Pedal;

/// <summary>
/// One thing an input asks of the pedal, as a small plain struct: the inputs send these on the control thread,
/// and <see cref="PedalReducer"/> alone turns them into state changes.
/// </summary>
public readonly record struct PedalEvent(
    PedalEventKind Kind,
    PedalInput Input,
    PedalAction Action = PedalAction.None,
    ParameterId Parameter = default,
    double Value = 0,
    int Number = 0,
    PanelSetting Setting = default,
    PedalCalibration? Calibration = null)
{
    public static PedalEvent Act(PedalAction action, PedalInput input) => new(PedalEventKind.Action, input, action);

    public static PedalEvent Set(ParameterId id, double value, PedalInput input) => new(PedalEventKind.SetParameter, input, Parameter: id, Value: value);

    public static PedalEvent Fire(ParameterId id, PedalInput input) => new(PedalEventKind.FireParameter, input, Parameter: id);

    public static PedalEvent Recall(int index, PedalInput input) => new(PedalEventKind.Recall, input, Number: index);

    public static PedalEvent ChangeSetting(PanelSetting setting, int step, PedalInput input) => new(PedalEventKind.ChangeSetting, input, Setting: setting, Number: step);

    public static PedalEvent ToggleLearn(PedalInput input) => new(PedalEventKind.ToggleLearn, input);

    public static PedalEvent ChooseModel(int libraryIndex, PedalInput input) => new(PedalEventKind.ChooseModel, input, Number: libraryIndex);

    public static PedalEvent BendKnob(PanelSetting setting, double position, PedalInput input) => new(PedalEventKind.BendKnob, input, Setting: setting, Value: position);

    public static PedalEvent Calibrated(PedalCalibration calibration, PedalInput input) => new(PedalEventKind.ExpressionCalibrated, input, Calibration: calibration);
}
