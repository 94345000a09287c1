using LatentPlayground.Core.Engine;
using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Tempo;

namespace LatentPlayground.Core.Tests.Engine;

/// <summary>Latent freeze (footswitch B's long press): z' holds, the decoder keeps sounding it.</summary>
public sealed class FreezeTests
{
    [Fact]
    public void Freeze_holds_the_latent_and_releasing_it_moves_on_from_there()
    {
        OfflineEngine engine = EngineHarness.Create(new ToneCodec(512), 1, "speed=900", "rate=24", "scale=2");
        var seen = new List<float[]>();
        engine.LatentObserver = (_, z) => seen.Add(z.ToArray());
        var input = new float[512];
        var output = new float[512];
        for (int i = 0; i < 10; i++)
        {
            engine.Process(input, output, 512);
        }

        engine.Post(new ParameterChange(ParameterId.Freeze, 1));
        for (int i = 0; i < 10; i++)
        {
            engine.Process(input, output, 512);
        }

        engine.Post(new ParameterChange(ParameterId.Freeze, 0));
        for (int i = 0; i < 10; i++)
        {
            engine.Process(input, output, 512);
        }

        Assert.NotEqual(seen[3], seen[4]);          // moving before
        for (int i = 10; i < 20; i++)
        {
            Assert.Equal(seen[9], seen[i]);         // held while frozen
        }

        Assert.NotEqual(seen[9], seen[25]);         // moving again after
        Assert.Contains(output, x => x != 0);       // and sounding throughout
    }
}
