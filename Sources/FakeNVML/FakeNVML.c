// A scripted NVML for tests. The script is the file named by $LLMLOAD_FAKE_NVML_SCRIPT, else
// the file next to this library named "<library path>.script" (so each test can copy the
// library and script it without touching the process's environment). One directive a line:
//
//   gpu <i> name <text>                 device name (default "Fake GPU <i>")
//   gpu <i> memory_total_mib <n>        total memory (default 81920)
//   gpu <i> utilization <v> <v> ...     utilisation %, one value per call, cycling
//   gpu <i> memory_used_mib <v> ...     used memory, one value per call, cycling
//   gpu <i> power_mw <v> ...            likewise; a query whose list is missing answers
//   gpu <i> temperature_c <v> ...         NVML_ERROR_NOT_SUPPORTED
//   gpu <i> sm_clock_mhz <v> ...
//   init_error <code>                   nvmlInit_v2 fails with this code
//
// The device count is one more than the highest index named. nvmlInit_v2 rereads the script
// and restarts every list. Lines starting with '#' are comments.
#define _GNU_SOURCE
#include "FakeNVML.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_DEVICES = 16, MAX_VALUES = 1024, QUERIES = 5 };
enum { Q_UTILIZATION, Q_MEMORY, Q_POWER, Q_TEMPERATURE, Q_CLOCK };
static const char *query_names[QUERIES] = {
    "utilization", "memory_used_mib", "power_mw", "temperature_c", "sm_clock_mhz",
};

struct fake_nvml_device {
    int index;
    char name[96];
    unsigned long long total_mib;
    unsigned long long values[QUERIES][MAX_VALUES];
    int counts[QUERIES];
    int calls[QUERIES];
};

static struct fake_nvml_device devices[MAX_DEVICES];
static int device_count = 0;
static int init_error = 0;
static int initialized = 0;

static void script_path(char *path, size_t size) {
    const char *fromEnvironment = getenv("LLMLOAD_FAKE_NVML_SCRIPT");
    if (fromEnvironment && *fromEnvironment) {
        snprintf(path, size, "%s", fromEnvironment);
        return;
    }
    Dl_info info;
    if (dladdr((void *)&script_path, &info) && info.dli_fname) {
        snprintf(path, size, "%s.script", info.dli_fname);
    } else {
        path[0] = 0;
    }
}

static void load_script(void) {
    memset(devices, 0, sizeof devices);
    for (int i = 0; i < MAX_DEVICES; i++) {
        devices[i].index = i;
        devices[i].total_mib = 81920;
        snprintf(devices[i].name, sizeof devices[i].name, "Fake GPU %d", i);
    }
    device_count = 0;
    init_error = 0;
    char path[4096];
    script_path(path, sizeof path);
    FILE *file = path[0] ? fopen(path, "r") : NULL;
    if (!file) return;
    char line[8192];
    while (fgets(line, sizeof line, file)) {
        line[strcspn(line, "\r\n")] = 0;
        if (line[0] == '#') continue;
        int index = 0, consumed = 0;
        char key[64];
        if (sscanf(line, "init_error %d", &init_error) == 1) continue;
        if (sscanf(line, "gpu %d %63s %n", &index, key, &consumed) < 2 || index < 0 || index >= MAX_DEVICES) continue;
        struct fake_nvml_device *device = &devices[index];
        if (index + 1 > device_count) device_count = index + 1;
        const char *rest = line + consumed;
        if (strcmp(key, "name") == 0) {
            snprintf(device->name, sizeof device->name, "%s", rest);
        } else if (strcmp(key, "memory_total_mib") == 0) {
            device->total_mib = strtoull(rest, NULL, 10);
        } else {
            for (int q = 0; q < QUERIES; q++) {
                if (strcmp(key, query_names[q]) != 0) continue;
                char *end = (char *)rest;
                while (device->counts[q] < MAX_VALUES) {
                    char *next;
                    unsigned long long value = strtoull(end, &next, 10);
                    if (next == end) break;
                    device->values[q][device->counts[q]++] = value;
                    end = next;
                }
            }
        }
    }
    fclose(file);
}

/// The next scripted value of `query`, or 0 when none is scripted (NVML_ERROR_NOT_SUPPORTED).
static int next_value(nvmlDevice_t device, int query, unsigned long long *value) {
    if (!initialized) return 1;  // NVML_ERROR_UNINITIALIZED
    if (!device || !value) return 2;  // NVML_ERROR_INVALID_ARGUMENT
    if (device->counts[query] == 0) return 3;  // NVML_ERROR_NOT_SUPPORTED
    *value = device->values[query][device->calls[query]++ % device->counts[query]];
    return 0;
}

int nvmlInit_v2(void) {
    load_script();
    if (init_error) return init_error;
    initialized = 1;
    return 0;
}

int nvmlShutdown(void) {
    initialized = 0;
    return 0;
}

int nvmlDeviceGetCount_v2(unsigned int *count) {
    if (!initialized) return 1;
    *count = (unsigned int)device_count;
    return 0;
}

int nvmlDeviceGetHandleByIndex_v2(unsigned int index, nvmlDevice_t *device) {
    if (!initialized) return 1;
    if ((int)index >= device_count) return 2;
    *device = &devices[index];
    return 0;
}

int nvmlDeviceGetName(nvmlDevice_t device, char *name, unsigned int length) {
    if (!initialized) return 1;
    if (!device || !name || length == 0) return 2;
    snprintf(name, length, "%s", device->name);
    return 0;
}

int nvmlDeviceGetUtilizationRates(nvmlDevice_t device, nvmlUtilization_t *utilization) {
    unsigned long long value;
    int result = next_value(device, Q_UTILIZATION, &value);
    if (result == 0) {
        utilization->gpu = (unsigned int)value;
        utilization->memory = (unsigned int)value / 2;
    }
    return result;
}

int nvmlDeviceGetMemoryInfo(nvmlDevice_t device, nvmlMemory_t *memory) {
    unsigned long long used;
    int result = next_value(device, Q_MEMORY, &used);
    if (result == 0) {
        memory->total = device->total_mib * 1048576ULL;
        memory->used = used * 1048576ULL;
        memory->free = memory->total - memory->used;
    }
    return result;
}

static int next_unsigned(nvmlDevice_t device, int query, unsigned int *out) {
    unsigned long long value;
    int result = next_value(device, query, &value);
    if (result == 0) *out = (unsigned int)value;
    return result;
}

int nvmlDeviceGetPowerUsage(nvmlDevice_t device, unsigned int *milliwatts) {
    return next_unsigned(device, Q_POWER, milliwatts);
}

int nvmlDeviceGetTemperature(nvmlDevice_t device, int sensor, unsigned int *celsius) {
    return sensor == 0 ? next_unsigned(device, Q_TEMPERATURE, celsius) : 2;
}

int nvmlDeviceGetClockInfo(nvmlDevice_t device, int clock, unsigned int *mhz) {
    return clock == 1 ? next_unsigned(device, Q_CLOCK, mhz) : 2;
}

const char *nvmlErrorString(int result) {
    switch (result) {
    case 0: return "Success";
    case 1: return "Uninitialized";
    case 2: return "Invalid Argument";
    case 3: return "Not Supported";
    case 9: return "Driver Not Loaded";
    default: return "Unknown Error";
    }
}
