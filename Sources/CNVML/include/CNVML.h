// The few NVML types and entry points llmload uses, declared by hand from NVIDIA's NVML API
// reference (STYLE E8: the header is not vendored). Nothing links against libnvidia-ml: the
// monitor dlopen()s it at run time and casts each dlsym() result to one of these types.
#ifndef CNVML_H
#define CNVML_H

// nvmlReturn_t, nvmlTemperatureSensors_t and nvmlClockType_t are C enums: int in the ABI.
typedef int cnvml_return_t;
#define CNVML_SUCCESS 0
#define CNVML_ERROR_NOT_SUPPORTED 3
#define CNVML_TEMPERATURE_GPU 0
#define CNVML_CLOCK_SM 1
#define CNVML_DEVICE_NAME_BUFFER_SIZE 96

typedef struct cnvml_device_st *cnvml_device_t;

/// nvmlUtilization_t: percent of the last sample period the GPU (and its memory) was busy.
typedef struct {
    unsigned int gpu;
    unsigned int memory;
} cnvml_utilization_t;

/// nvmlMemory_t (version 1), in bytes.
typedef struct {
    unsigned long long total;
    unsigned long long free;
    unsigned long long used;
} cnvml_memory_t;

typedef cnvml_return_t (*cnvml_init_v2_fn)(void);
typedef cnvml_return_t (*cnvml_shutdown_fn)(void);
typedef cnvml_return_t (*cnvml_device_get_count_v2_fn)(unsigned int *count);
typedef cnvml_return_t (*cnvml_device_get_handle_by_index_v2_fn)(unsigned int index, cnvml_device_t *device);
typedef cnvml_return_t (*cnvml_device_get_name_fn)(cnvml_device_t device, char *name, unsigned int length);
typedef cnvml_return_t (*cnvml_device_get_utilization_rates_fn)(cnvml_device_t device, cnvml_utilization_t *rates);
typedef cnvml_return_t (*cnvml_device_get_memory_info_fn)(cnvml_device_t device, cnvml_memory_t *memory);
/// Milliwatts.
typedef cnvml_return_t (*cnvml_device_get_power_usage_fn)(cnvml_device_t device, unsigned int *power);
/// Degrees Celsius, for sensor CNVML_TEMPERATURE_GPU.
typedef cnvml_return_t (*cnvml_device_get_temperature_fn)(cnvml_device_t device, int sensor, unsigned int *temperature);
/// MHz, for clock CNVML_CLOCK_SM.
typedef cnvml_return_t (*cnvml_device_get_clock_info_fn)(cnvml_device_t device, int clock, unsigned int *mhz);
typedef const char *(*cnvml_error_string_fn)(cnvml_return_t result);

#endif
