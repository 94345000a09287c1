namespace LatentPlayground.Audio.Alsa.Native;

/// <summary>
/// The P/Invoke surface of alsa-lib (libasound.so.2), split by topic over the partial files beside this
/// one. Only the calls the live engine needs are declared; each keeps its C name so it can be looked up
/// in alsa-lib's pcm.h and conf.h as it is.
/// </summary>
/// <remarks>
/// The hw/sw params accessors are versioned symbols in libasound.so.2 (for example
/// snd_pcm_hw_params_get_rate_min@@ALSA_0.9.0rc4 beside an old @ALSA_0.9 one). dlsym, which the runtime
/// uses, returns the default (@@) version, which is the one pcm.h declares.
/// </remarks>
internal static partial class LibAsound
{
    public const string Library = "libasound.so.2";
}
