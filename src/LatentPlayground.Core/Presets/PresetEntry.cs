namespace LatentPlayground.Core.Presets;

/// <summary>One preset of a bank and the file it came from (the name only, no folder).</summary>
public sealed record PresetEntry(string FileName, Preset Preset);
