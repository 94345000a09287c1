namespace LatentPlayground.Midi.Input;

/// <summary>
/// Where MIDI inputs live on the pedal: ALSA raw MIDI devices (USB MIDI, a Pisound) and the Pi's UART for
/// DIN MIDI. Thread: any; reads the file system.
/// </summary>
public static class MidiPorts
{
    /// <summary>The Pi's primary UART alias, the usual home of a DIN MIDI input.</summary>
    public const string PiUart = "/dev/serial0";

    /// <summary>The raw MIDI device files present now (midiC{card}D{device}), in name order. Thread: any.</summary>
    public static IReadOnlyList<string> FindRawMidiDevices(string deviceFolder = "/dev/snd")
    {
        ArgumentNullException.ThrowIfNull(deviceFolder);
        if (!Directory.Exists(deviceFolder))
        {
            return [];
        }

        try
        {
            string[] found = Directory.GetFiles(deviceFolder, "midiC*D*");
            Array.Sort(found, StringComparer.Ordinal);
            return found;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Devices come and go while we list them; an unreadable folder simply has no inputs for us.
            return [];
        }
    }
}
