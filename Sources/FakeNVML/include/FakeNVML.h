// FakeNVML: a stand-in for libnvidia-ml.so.1 for tests on machines without an NVIDIA GPU.
// It exports the NVML entry points llmload uses and answers from a script (see FakeNVML.c).
// Its types are declared here independently of CNVML, from NVIDIA's API reference, so that a
// layout mistake in CNVML cannot be repeated here and pass unnoticed.
#ifndef FAKE_NVML_H
#define FAKE_NVML_H

typedef struct fake_nvml_device *nvmlDevice_t;
typedef struct { unsigned int gpu; unsigned int memory; } nvmlUtilization_t;
typedef struct { unsigned long long total; unsigned long long free; unsigned long long used; } nvmlMemory_t;

int nvmlInit_v2(void);
int nvmlShutdown(void);
int nvmlDeviceGetCount_v2(unsigned int *count);
int nvmlDeviceGetHandleByIndex_v2(unsigned int index, nvmlDevice_t *device);
int nvmlDeviceGetName(nvmlDevice_t device, char *name, unsigned int length);
int nvmlDeviceGetUtilizationRates(nvmlDevice_t device, nvmlUtilization_t *utilization);
int nvmlDeviceGetMemoryInfo(nvmlDevice_t device, nvmlMemory_t *memory);
int nvmlDeviceGetPowerUsage(nvmlDevice_t device, unsigned int *milliwatts);
int nvmlDeviceGetTemperature(nvmlDevice_t device, int sensor, unsigned int *celsius);
int nvmlDeviceGetClockInfo(nvmlDevice_t device, int clock, unsigned int *mhz);
const char *nvmlErrorString(int result);

#endif
