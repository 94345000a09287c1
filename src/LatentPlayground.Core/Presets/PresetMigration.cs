using System.Text.Json.Nodes;

namespace LatentPlayground.Core.Presets;

/// <summary>One step of preset migration: a preset of schema <paramref name="From"/> rewritten as schema From + 1.</summary>
public sealed record PresetMigration(int From, Func<JsonObject, JsonObject> Upgrade);
